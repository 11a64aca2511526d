"""The run summary printed after a crawl, an ingest or the demo."""

from __future__ import annotations

from collections import Counter

from db.schema import open_db


def _merge(stats: dict[str, dict]) -> Counter:
    total: Counter = Counter()
    for spider_stats in stats.values():
        for key, value in spider_stats.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                total[key] += value
    return total


def summary_lines(db_path: str, stats: dict[str, dict], seconds: float | None = None) -> list[str]:
    """What a run did (pages fetched, stored, skipped and why) and what the database now holds."""
    run = _merge(stats)
    fetched = run.get("downloader/response_count", 0)
    stored = run.get("pantau/stored", 0) + run.get("stored", 0)
    updated = run.get("pantau/updated", 0) + run.get("updated", 0)
    lines = [f"pages fetched: {fetched}" if fetched else "pages fetched: 0 (local files)" if "ingest" in stats
             else "pages fetched: 0"]
    if run.get("pantau/already_stored"):
        lines.append(f"already stored, not fetched again: {run['pantau/already_stored']}")
    lines.append(f"articles stored: {stored} new" + (f", {updated} already stored and updated" if updated else ""))
    for kind in ("skipped", "failed"):
        reasons = {k.split("/", 2)[-1] if k.startswith("pantau/") else k.split(": ", 1)[1]: v
                   for k, v in run.items()
                   if (k.startswith(f"pantau/{kind}/") or k.startswith(f"{kind}: "))}
        total = sum(reasons.values())
        lines.append(f"{kind}: {total}" + "".join(f"\n  {n} x {r}" for r, n in sorted(reasons.items())))
    db = open_db(db_path)
    counts = {t: db[t].count for t in ("articles", "officials", "counts", "awards", "quotes", "clusters")}
    copies = db.execute("select count(*) from clusters where size > 1").fetchone()[0]
    lines.append(f"database {db_path}: {counts['articles']} articles in {counts['clusters']} stories "
                 f"({copies} with more than one copy)")
    lines.append(f"facts: {counts['officials']} officials, {counts['counts']} counts, {counts['awards']} awards, "
                 f"{counts['quotes']} quotes")
    if seconds is not None:
        lines.append(f"time: {seconds:.1f} s")
    return lines


def print_summary(db_path: str, stats: dict[str, dict], seconds: float | None = None) -> None:
    print("\n".join(summary_lines(db_path, stats, seconds)))
