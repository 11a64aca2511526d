"""pantau's Datasette plugin, loaded with ``datasette --plugins-dir db/plugins`` (``pantau serve`` does this).

- a ``month`` facet: ``?_facet_month=published`` counts rows per calendar month of an ISO 8601 column,
  in the outlet's own time zone (the month written in the value), newest month first; choosing a
  month filters with ``published__startswith=2024-02``;
- highlighted search snippets: a ``snippet`` column made by SQLite's ``snippet(..., '<mark>', '</mark>', ...)``
  is shown with the matches highlighted; everything else in the cell stays escaped;
- the other copies of a story on an article's row page (``/pantau/articles/<id>``): the articles of the
  same cluster, with outlet, title, URL and publication time (``story_copies``, shown by
  ``db/templates/row.html``);
- read-only: every request other than GET, HEAD or OPTIONS is answered 405 Method Not Allowed, so no
  endpoint can write (pantau's canned queries are all SELECTs, and Datasette's arbitrary SQL is read-only).
"""

from __future__ import annotations

import markupsafe
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args, urlsafe_components
from datasette.utils.asgi import Response

MARK, END_MARK = "<mark>", "</mark>"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
MAX_COPIES = 100  # copies listed on an article's page; the rest are one link away (articles?cluster_id=)
COPIES_SQL = """
select a.id, a.outlet, a.title, a.url, a.published, a.id = c.canonical_article_id as original
from articles me
join articles a on a.cluster_id = me.cluster_id and a.id != me.id
left join clusters c on c.id = me.cluster_id
where me.id = :id
order by coalesce(a.published, a.fetched_at), a.id
limit :limit
"""


class MonthFacet(Facet):
    """Counts per month (``YYYY-MM``) of a date or datetime column."""

    type = "month"

    async def suggest(self):
        return []  # offered through metadata (facets: [{month: published}]) or ?_facet_month=COLUMN

    async def facet_results(self):
        results, timed_out = [], []
        args = dict(self.get_querystring_pairs())
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config, source = source_and_config["config"], source_and_config["source"]
            column = config.get("column") or config["simple"]
            col = escape_sqlite(column)
            sql = (f"select substr({col}, 1, 7) as value, count(*) as count from ({self.sql}) "
                   f"where {col} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
                   f"group by value order by value desc limit {size + 1}")
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:  # over facet_time_limit_ms: reported as timed out, like Datasette's own
                timed_out.append(column)
                continue
            key = f"{column}__startswith"
            values = []
            for row in rows.rows[:size]:
                selected = args.get(key) == row["value"]
                toggle = (path_with_removed_args(self.request, {key: row["value"]}) if selected
                          else path_with_added_args(self.request, {key: row["value"]}))
                values.append({"value": row["value"], "label": row["value"], "count": row["count"],
                               "toggle_url": self.ds.absolute_url(self.request, toggle), "selected": selected})
            results.append({"name": column, "type": self.type, "results": values, "hideable": source != "metadata",
                            "toggle_url": path_with_removed_args(self.request, {"_facet_month": column}),
                            "truncated": len(rows.rows) > size})
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [MonthFacet]


def highlight(value: str) -> markupsafe.Markup:
    """Escape a snippet, then turn its ``<mark>`` pairs back into tags.

    >>> str(highlight("a <mark>Paritrana</mark> <b>x</b>"))
    'a <mark>Paritrana</mark> &lt;b&gt;x&lt;/b&gt;'
    """
    escaped = str(markupsafe.escape(value))
    escaped = escaped.replace(str(markupsafe.escape(MARK)), MARK).replace(str(markupsafe.escape(END_MARK)), END_MARK)
    return markupsafe.Markup(escaped)


@hookimpl
def render_cell(value, column):
    if column == "snippet" and isinstance(value, str) and MARK in value:
        return highlight(value)
    return None


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    """On an article's row page: ``story`` (its cluster) and ``story_copies`` (the other articles in it)."""
    if view_name != "row" or table != "articles" or request is None or "pks" not in request.url_vars:
        return {}

    async def copies():
        pks = urlsafe_components(request.url_vars["pks"])
        if len(pks) != 1:
            return {}
        db = datasette.get_database(database)
        me = (await db.execute("select cluster_id from articles where id = :id", {"id": pks[0]})).first()
        if me is None or me["cluster_id"] is None:
            return {}
        cluster = me["cluster_id"]
        size = (await db.execute("select count(*) from articles where cluster_id = :c", {"c": cluster})).single_value()
        rows = (await db.execute(COPIES_SQL, {"id": pks[0], "limit": MAX_COPIES})).rows
        return {
            "story": {"id": cluster, "size": size, "url": datasette.urls.row(database, "clusters", cluster),
                      "copies_url": datasette.urls.table(database, "articles") + f"?cluster_id={cluster}"},
            "story_copies": [{**dict(r), "row_url": datasette.urls.row(database, "articles", r["id"])}
                             for r in rows],
        }

    return copies


@hookimpl
def asgi_wrapper():
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                response = Response.text("pantau publishes read-only: GET only\n", status=405,
                                         headers={"Allow": ", ".join(sorted(READ_METHODS))})
                await response.asgi_send(send)
                return
            await app(scope, receive, send)

        return read_only

    return wrap
