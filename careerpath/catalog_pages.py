"""Where the page of each role and credential of the catalog is, for the pages' `url()`.

A plan links to about ten of them, and Django's `reverse()` costs about 10 µs a link: a fifth
of the time a plan took to draw. So their paths are a lookup built once per catalog, as its
slugs are. The paths are held below the script prefix, which is added for each request (it is
fixed by DJANGO_FORCE_SCRIPT_NAME, never by what a client sends): nothing of a request is kept,
and the lookup holds one entry for each row of one catalog, whatever clients ask. Anything else
(a page with no row, a slug the catalog no longer has, as in an old shared plan) is reversed.
"""

from django.urls import get_script_prefix, reverse

from careerpath import catalog, planner

ROW_PAGES = {"stages:role": "roles", "certifications:detail": "certifications"}

_held: tuple[planner.Catalog | None, dict[tuple[str, str], str]] = (None, {})  # (catalog, paths)


def _paths() -> dict[tuple[str, str], str]:
    """{(view name, slug): path below the script prefix} for the rows of the catalog this
    process holds (the one the request read: no query); none before a catalog is read."""
    global _held
    current = catalog.loaded()
    held = _held
    if held[0] is not current:
        prefix = get_script_prefix()
        paths = {}
        for name, rows in ROW_PAGES.items():
            for row in getattr(current, rows, ()):
                path = reverse(name, args=[row.slug])
                if path.startswith(prefix):
                    paths[name, row.slug] = path.removeprefix(prefix)
        held = _held = (current, paths)
    return held[1]


def url(name: str, *args) -> str:
    """`reverse(name, args=args)`, read from the lookup for a role's or a credential's page."""
    if len(args) == 1 and name in ROW_PAGES:
        path = _paths().get((name, args[0]))
        if path is not None:
            return get_script_prefix() + path
    return reverse(name, args=args)
