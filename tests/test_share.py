"""Share links: created by POST with CSRF, unguessable, read-only, rate-limited per client."""

import re

import pytest
from django.test import Client

from careerpath.models import SharedPlan
from stages.models import Role

pytestmark = pytest.mark.django_db

ANSWERS = {
    "role": "medical-coder-i",
    "years": "2",
    "cert": ["cpc", "ccs"],
    "education": "certificate",
    "track": "specialist",
}


def share(client, answers=ANSWERS):
    return client.post("/plan/share/", answers)


def test_creating_a_short_link_redirects_to_the_shared_plan(client, catalog):
    response = share(client)
    assert response.status_code == 303
    token = re.fullmatch(r"/p/([A-Za-z0-9_-]+)/", response["Location"]).group(1)
    assert len(token) >= 22  # at least 128 bits of URL-safe base64
    page = Client().get(response["Location"])  # another browser, no session
    html = page.content.decode()
    assert page.status_code == 200
    assert "A shared career plan" in html and "Medical Coder I" in html
    assert "$37,000 – $43,490" in html
    assert "medical records specialists (SOC 29-2072), BLS OEWS May 2025" in html
    assert "Create short link" not in html  # read-only
    shared = SharedPlan.objects.get(token=token)
    assert ["cert", "ccs"] in shared.query and ["cert", "cpc"] in shared.query
    assert "/plan/?role=medical-coder-i&amp;years=2&amp;cert=ccs&amp;cert=cpc" in html


def test_the_plan_page_offers_the_share_form_with_the_answers(client, catalog):
    html = client.get("/plan/?role=medical-coder-i&years=2&cert=cpc").content.decode()
    assert '<form id="share-form" method="post" action="/plan/share/">' in html
    assert '<input type="hidden" name="cert" value="cpc">' in html
    # the token is drawn once with the page, outside the part htmx replaces, for that form
    token = re.search(
        r'<input type="hidden" name="csrfmiddlewaretoken" value="(\w+)" form="share-form">', html
    )
    assert token and html.index(token[0]) < html.index('id="plan-result"')


def test_a_plan_drawn_in_place_brings_the_share_form_but_no_token(client, catalog):
    page = client.get("/plan/")
    assert 'form="share-form"' in page.content.decode() and "csrftoken" in page.cookies
    partial = client.get("/plan/?role=medical-coder-i&years=2", headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert 'id="share-form"' in html and "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in partial.cookies  # the page's token stays the one to send


def test_tokens_are_unique_and_random(client, catalog):
    tokens = {share(client, {**ANSWERS, "years": str(n)})["Location"] for n in range(5)}
    assert len(tokens) == 5


def test_the_same_answers_on_the_same_catalog_are_stored_once(client, catalog, settings):
    settings.SHARE_RATE_LIMIT = 1
    first = share(client)["Location"]
    assert share(client)["Location"] == first  # no new row, so nothing counted either
    assert share(Client(REMOTE_ADDR="10.4.4.4"))["Location"] == first
    assert SharedPlan.objects.count() == 1
    assert share(client, {**ANSWERS, "years": "3"}).status_code == 429  # a new plan is counted
    Role.objects.filter(slug="coding-auditor").update(title="Quality Reviewer")
    role = Role.objects.get(slug="coding-manager")
    role.save()  # a new catalog version: a new snapshot
    assert share(Client(REMOTE_ADDR="10.5.5.5"))["Location"] != first
    assert SharedPlan.objects.count() == 2


def test_prune_removes_links_nobody_used_for_the_retention_time(client, catalog, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.SHARE_RETENTION_DAYS = 30
    old = share(client)["Location"]
    used = share(client, {**ANSWERS, "years": "3"})["Location"]
    long_ago = timezone.now() - timedelta(days=31)
    SharedPlan.objects.update(used_at=long_ago)
    assert client.get(used).status_code == 200  # opening it keeps it
    call_command("prune_plans", "--dry-run")
    assert SharedPlan.objects.count() == 2
    call_command("prune_plans")
    assert client.get(old).status_code == 404 and client.get(used).status_code == 200


def test_an_altered_token_is_a_404(client, catalog):
    location = share(client)["Location"]
    altered = location[:-3] + ("A" if location[-3] != "A" else "B") + location[-2:]
    assert client.get(altered).status_code == 404
    assert client.get("/p/not-a-token/").status_code == 404


def test_csrf_is_enforced(catalog):
    client = Client(enforce_csrf_checks=True)
    assert share(client).status_code == 403
    assert not SharedPlan.objects.exists()
    page = client.get("/plan/?role=medical-coder-i&years=2")
    token = page.cookies["csrftoken"].value
    response = client.post("/plan/share/", {**ANSWERS, "csrfmiddlewaretoken": token})
    assert response.status_code == 303


def test_invalid_answers_are_not_shared(client, catalog):
    response = share(client, {**ANSWERS, "years": "200"})
    assert response.status_code == 400
    assert not SharedPlan.objects.exists()


def test_only_post_creates_links(client, catalog):
    assert client.get("/plan/share/").status_code == 405


def test_the_rate_limit_answers_429_with_a_clear_page(client, catalog, settings):
    settings.SHARE_RATE_LIMIT = 2
    assert share(client).status_code == 303
    assert share(client, {**ANSWERS, "years": "3"}).status_code == 303
    refused = share(client, {**ANSWERS, "years": "4"})
    assert refused.status_code == 429
    assert "Too many share links for now" in refused.content.decode()
    assert SharedPlan.objects.count() == 2
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert share(other, {**ANSWERS, "years": "5"}).status_code == 303


def test_a_shared_plan_says_when_the_catalog_changed(client, catalog):
    location = share(client)["Location"]
    assert "catalog has changed" not in client.get(location).content.decode()
    Role.objects.filter(slug="coding-auditor").update(title="Quality Reviewer")
    role = Role.objects.get(slug="coding-manager")
    role.summary = "Edited."
    role.save()
    html = client.get(location).content.decode()
    assert "The catalog has changed since this plan was shared" in html
    assert "Coding Auditor" in html and "Quality Reviewer" not in html  # the snapshot


def test_a_shared_plan_whose_role_was_removed_still_renders(client, catalog):
    answers = {**ANSWERS, "role": "hit-implementation-specialist", "years": "4"}
    location = share(client, answers)["Location"]
    Role.objects.get(slug="hit-implementation-specialist").delete()
    response = client.get(location)
    assert response.status_code == 200
    assert "no longer in the catalog" in response.content.decode()


def test_the_404_page_helps_the_user_on(client, catalog):
    response = client.get("/p/doesnotexist/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html and 'href="/plan/"' in html


def test_a_plan_shared_before_bands_named_their_occupation_still_opens(client, catalog):
    location = share(client)["Location"]
    shared = SharedPlan.objects.get()
    del shared.snapshot["position"]["salary_band"]["occupation"]  # as saved by the old planner
    shared.save()
    response = client.get(location)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This plan was saved by an earlier version" in html
    assert "/plan/?role=medical-coder-i&amp;years=2" in html  # rebuilt from the same answers


def test_two_shared_plans_are_never_mixed(client, catalog):
    first = share(client)["Location"]
    second = share(client, {**ANSWERS, "role": "senior-medical-coder", "years": "4"})["Location"]
    assert "Medical Coder I" in client.get(first).content.decode()
    html = client.get(second).content.decode()
    assert "Senior Medical Coder" in html.split("Where you stand", 1)[1].split("</section>")[0]
