"""pantau's spiders: one per site family (antara, bakabar, bisnisbali) plus feeds for any RSS/Atom/sitemap."""
