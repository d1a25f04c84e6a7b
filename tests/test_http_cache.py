"""Repeat answers go through HTTP caching: an ETag per answer, a 304 that plans nothing, and
Cache-Control that lets a proxy share what holds nothing of one visitor's own."""

import pytest
from django.test.utils import CaptureQueriesContext

from careerpath import planner
from stages.models import Role

PLAN = "/plan/?role=medical-coder-i&years=2&cert=cpc"
HTMX = {"HX-Request": "true"}


def revalidate(client, path, etag, **headers):
    return client.get(path, headers={"If-None-Match": etag, **headers})


@pytest.mark.parametrize(
    "path", [PLAN, "/api/plan/?role=medical-coder-i&years=2&cert=cpc", "/plan/?years=3"]
)
def test_an_answer_carries_an_etag_and_the_same_request_again_gets_a_304(client, catalog, path):
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')  # strong: the same bytes every time
    again = revalidate(client, path, etag)
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == etag


def test_a_304_plans_nothing(client, catalog, monkeypatch):
    etag = client.get(PLAN).headers["ETag"]

    def refuse(*args, **kwargs):
        raise AssertionError("a 304 must not plan")

    monkeypatch.setattr(planner, "build_plan", refuse)
    assert revalidate(client, PLAN, etag).status_code == 304


def test_the_same_answers_in_another_order_are_the_same_answer(client, catalog):
    etag = client.get("/plan/?role=medical-coder-i&years=2&cert=cpc&cert=ccs").headers["ETag"]
    reordered = "/plan/?cert=ccs&years=2&cert=cpc&role=medical-coder-i"
    assert revalidate(client, reordered, etag).status_code == 304


def test_the_partial_and_the_page_are_different_answers(client, catalog):
    page = client.get(PLAN)
    partial = client.get(PLAN, headers=HTMX)
    assert page.headers["ETag"] != partial.headers["ETag"]
    assert revalidate(client, PLAN, page.headers["ETag"], **HTMX).status_code == 200
    assert "HX-Request" in partial.headers["Vary"] and "Accept-Encoding" in partial.headers["Vary"]


def test_a_history_restore_gets_the_page_and_is_kept_apart_from_the_partial(client, catalog):
    """Back and forward after a partial swap: htmx asks for the page with this header (and,
    unless configured not to, HX-Request too). A browser cache that keyed the answer on
    HX-Request alone would hand back the partial it kept, a page without its form."""
    partial = client.get(PLAN, headers=HTMX)
    restore = client.get(PLAN, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<select" in restore.content.decode()  # the form, with its role list
    assert "<select" not in partial.content.decode()
    assert restore.headers["ETag"] != partial.headers["ETag"]
    assert "HX-History-Restore-Request" in partial.headers["Vary"]


def test_other_answers_get_another_etag(client, catalog):
    etag = client.get(PLAN).headers["ETag"]
    other = client.get(PLAN.replace("years=2", "years=3"))
    assert other.headers["ETag"] != etag
    assert revalidate(client, PLAN.replace("years=2", "years=3"), etag).status_code == 200


@pytest.mark.parametrize(
    "path", [PLAN, "/paths/", "/roles/medical-coder-i/", "/certifications/cpc/"]
)
def test_a_changed_catalog_gives_a_new_etag_and_the_new_answer(client, catalog, path):
    etag = client.get(path).headers["ETag"]
    Role.objects.filter(slug="medical-coder-i").update(title="Coder Level One")
    Role.objects.get(slug="medical-coder-i").save()  # an edit, as the admin saves it
    changed = revalidate(client, path, etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "Coder Level One" in changed.content.decode()


def test_a_new_month_gives_a_new_etag(client, catalog, monkeypatch):
    from datetime import date

    from django.utils import timezone

    etag = client.get(PLAN).headers["ETag"]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2099, 1, 15))
    assert revalidate(client, PLAN, etag).status_code == 200


def test_anonymous_answers_may_be_kept_by_any_cache_and_the_page_by_the_browser(client, catalog):
    partial = client.get(PLAN, headers=HTMX)
    api = client.get("/api/plan/?role=medical-coder-i&years=2")
    for response in (partial, api):
        assert set(response.headers["Cache-Control"].split(", ")) == {"max-age=300", "public"}
        assert "Set-Cookie" not in response.headers and "csrftoken" not in response.cookies
    page = client.get(PLAN)
    # the page holds the visitor's CSRF token for the share form: never in a shared cache
    assert set(page.headers["Cache-Control"].split(", ")) == {"max-age=300", "private"}
    assert "csrfmiddlewaretoken" in page.content.decode()


def test_an_invalid_answer_is_neither_tagged_nor_cached(client, catalog):
    response = client.get("/plan/?years=-4")
    assert response.status_code == 400
    assert "ETag" not in response.headers
    assert "public" not in response.headers.get("Cache-Control", "")
    api = client.get("/api/plan/?role=nonesuch")
    assert api.status_code == 400 and "ETag" not in api.headers


def test_a_shared_plan_is_tagged_and_revalidated_without_drawing(client, catalog):
    token = client.post("/plan/share/", {"role": "medical-coder-i", "years": "2"}).headers[
        "Location"
    ]
    first = client.get(token)
    assert first.status_code == 200 and "public" in first.headers["Cache-Control"]
    with CaptureQueriesContext(__import__("django.db").db.connection) as queries:
        again = revalidate(client, token, first.headers["ETag"])
    assert again.status_code == 304
    assert len(queries) <= 2  # the link looked up (and the catalog's stamp), nothing drawn
    assert client.get("/p/not-a-token/").status_code == 404


def test_the_calendar_is_the_same_file_all_month(client, catalog):
    path = "/plan/calendar.ics?role=medical-coder-i&years=2&cert=cpc&aapc_due=2027-03"
    first = client.get(path)
    assert first.status_code == 200
    second = client.get(path)
    assert first.content == second.content  # its stamp is the month, not the moment
    assert revalidate(client, path, first.headers["ETag"]).status_code == 304


# Pages drawn from the catalog and their address alone, kept like the planner's answers.
CATALOG_PAGES = [
    "/",
    "/paths/",
    "/paths/?role=medical-coder-i",
    "/roles/medical-coder-i/",
    "/compare/?role=medical-coder-i&role=senior-medical-coder",
    "/certifications/",
    "/certifications/cpc/",
    "/certifications/compare/?cert=cpc&cert=ccs",
]


@pytest.mark.parametrize("path", CATALOG_PAGES)
def test_a_catalog_page_is_public_and_revalidates_to_a_304(client, catalog, path):
    first = client.get(path)
    assert first.status_code == 200
    assert "public" in first.headers["Cache-Control"]
    assert "csrfmiddlewaretoken" not in first.content.decode()  # nothing of one visitor's own
    etag = first.headers["ETag"]
    again = revalidate(client, path, etag)
    assert again.status_code == 304 and again.content == b""
    # Another address of the same view is another answer.
    other = path + ("&" if "?" in path else "?") + "x=1"
    assert revalidate(client, other, etag).status_code == 200


def test_two_role_pages_are_two_answers(client, catalog):
    etag = client.get("/roles/medical-coder-i/").headers["ETag"]
    assert revalidate(client, "/roles/senior-medical-coder/", etag).status_code == 200


def test_a_304_of_the_career_map_draws_nothing(client, catalog, monkeypatch):
    from careerpath import charts

    etag = client.get("/paths/").headers["ETag"]

    def refuse(*args, **kwargs):
        raise AssertionError("a 304 must not draw the map")

    monkeypatch.setattr(charts, "career_map", refuse)
    assert revalidate(client, "/paths/", etag).status_code == 304
