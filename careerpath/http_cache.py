"""Repeat answers go through HTTP's own caching, not through memory in the process.

A plan is a pure function of (code, catalog, assessment, month), so its answer's `ETag` is a
digest of exactly those: this release of the code, the catalog's version, the view, the
query as sent (its pairs sorted), the month and whether htmx asked for the partial. A request
whose `If-None-Match` holds it gets a 304 before any form is made or anything planned
(`careerpath.views.assessment_answer`), and a proxy or CDN in front (docs/deploying.md) keeps
the answers for everyone.

Nothing is remembered here: a client can vary its answers as it likes and no worker grows.
"""

import hashlib
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import etag

from careerpath import catalog

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("careerpath", "stages", "certifications", "salaries", "templates")


def source_fingerprint(root: Path = ROOT) -> str:
    """A digest of the code and templates that draw an answer: a deployment that changes them
    changes every ETag, so no cache serves a page drawn by the previous release."""
    digest = hashlib.sha256()
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Every worker of one deployment reads the same files, so they agree on it (and several
# machines behind one shared cache do too); DJANGO_RELEASE names a release explicitly.
RELEASE = settings.RELEASE or source_fingerprint()


def answer_etag(*parts: str) -> str:
    """A strong ETag for an answer that is fully determined by `parts` and this release."""
    text = "\x1f".join((RELEASE, *parts))
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def query_pairs(request) -> str:
    """The query as sent, its pairs sorted: the same answers in another order are the same
    answer (part of an answer's ETag)."""
    return repr(sorted((key, value) for key in request.GET for value in request.GET.getlist(key)))


def cached_answer(*, private=None, max_age: int | None = None):
    """Marks a view's successful GET answers (and their 304s) cacheable for `max_age` seconds
    (settings.ANSWER_MAX_AGE): by any cache, or by the browser alone when `private(request)`
    says the answer carries something of the visitor's own (the CSRF token of a form). Every
    answer varies on `HX-Request` (page or partial), `HX-History-Restore-Request` (htmx asking
    for the whole page on a history miss) and `Accept-Encoding` (gzip or not)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            patch_vary_headers(
                response, ("HX-Request", "HX-History-Restore-Request", "Accept-Encoding")
            )
            if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
                age = settings.ANSWER_MAX_AGE if max_age is None else max_age
                if private is not None and private(request):
                    patch_cache_control(response, private=True, max_age=age)
                else:
                    patch_cache_control(response, public=True, max_age=age)
            return response

        return wrapped

    return decorator


def catalog_page(name: str):
    """A page drawn from the catalog and its address alone (the career map, role and credential
    pages, comparisons, home): its ETag is the catalog's version, the page, its path, its query
    (pairs sorted) and the month; a request that holds it gets a 304 before the view runs, and
    the answer is public for ANSWER_MAX_AGE, as the planner's are. Such a page must show nothing
    of one visitor's own (no CSRF token)."""

    def version(request, *args, **kwargs) -> str:
        month = timezone.localdate().strftime("%Y-%m")
        return answer_etag(
            catalog.current().version, name, request.path, query_pairs(request), month
        )

    def decorator(view):
        return cached_answer()(etag(version)(view))

    return decorator
