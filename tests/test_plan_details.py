"""/plan/details/: the parts the planner folds and draws only when they are opened (a card's
sources, what the jobs are), as a page of their own and as the part htmx puts in place."""

import re
from html import unescape

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

QUERY = "role=outpatient-coder&years=3&cert=cpc&cert=crc&education=associate&target=coding-auditor"
PARTS = [
    ("route-jobs", "Your route: the jobs (O*NET, BLS)"),
    ("next-jobs", "The next tier: the jobs (O*NET, BLS)"),
    ("next-sources", "The next tier: sources"),
    ("credentials-sources", "Credentials that lead there: sources"),
    ("upkeep-sources", "Keeping your credentials: sources"),
    ("paths-sources", "Other paths: sources"),
]


def folded_parts(html: str) -> dict[str, str]:
    """Each folded disclosure of a plan: its part, and the address htmx asks when it opens."""
    found = re.findall(r'<details class="[a-z-]+" hx-get="([^"]*&amp;part=([a-z-]+))"', html)
    return {part: unescape(address) for address, part in found}


def part(client, name, query=QUERY):
    return client.get(f"/plan/details/?{query}&part={name}", headers={"HX-Request": "true"})


def test_the_plan_folds_its_sources_and_jobs_and_draws_them_only_when_opened(client, catalog):
    html = client.get(f"/plan/?{QUERY}").content.decode()
    parts = folded_parts(html)
    assert list(parts) == [name for name, _ in PARTS]
    # Opened, each asks for its own part of this plan; without JavaScript, a link leads there.
    for name, address in parts.items():
        assert address.startswith("/plan/details/?role=outpatient-coder&years=3&cert=cpc")
        assert address.endswith(f"&part={name}")
        link = address.removesuffix(f"&part={name}") + f"#{name}"
        assert (
            f'<a href="{link.replace("&", "&amp;")}">Open the page of this plan’s details' in html
        )
    # What they hold is not in the plan: the CPMA's exam format is in its part alone.
    assert "taking-the-cpma-exam" not in html
    assert "taking-the-cpma-exam" in part(client, "credentials-sources").content.decode()


def test_each_part_is_the_same_as_its_section_on_the_details_page(client, catalog):
    page = client.get(f"/plan/details/?{QUERY}")
    html = page.content.decode()
    assert page.status_code == 200 and "<h1>Details and sources of your plan</h1>" in html
    headings = re.findall(
        r'<section id="([a-z-]+)" class="card"[^>]*>\s*<h2[^>]*>([^<]+)</h2>', html
    )
    assert headings == PARTS
    for name, _ in PARTS:
        answer = part(client, name)
        body = answer.content.decode()
        assert answer.status_code == 200 and "<html" not in body and "<title" not in body
        section = html[html.index(f'<section id="{name}"') :].split("</section>")[0]
        assert body.strip() and " ".join(body.split()) in " ".join(section.split())
    assert '<a href="/plan/?role=outpatient-coder&amp;years=3' in html  # back to the plan


def test_a_plan_without_a_route_has_no_route_part(client, catalog):
    query = "role=medical-coder-i&years=2&cert=cpc"
    assert "route-jobs" not in folded_parts(client.get(f"/plan/?{query}").content.decode())
    assert 'id="route-jobs"' not in client.get(f"/plan/details/?{query}").content.decode()
    empty = part(client, "route-jobs", query)
    assert empty.status_code == 200 and not empty.content.strip()


def test_an_unknown_part_is_a_clear_400_naming_the_parts(client, catalog):
    answer = part(client, "secrets")
    html = answer.content.decode()
    assert answer.status_code == 400 and "ETag" not in answer
    assert "“secrets” is not a part of a plan: the parts are route-jobs, next-jobs" in html
    assert "Back to the planner" in html


def test_answers_that_need_a_change_are_a_400_that_leads_back_to_the_planner(client, catalog):
    answer = client.get("/plan/details/?role=no-such-role&years=2&part=next-jobs")
    html = answer.content.decode()
    assert answer.status_code == 400 and "ETag" not in answer
    assert "Some answers of this plan need a change" in html
    assert '<a href="/plan/?role=no-such-role&amp;years=2">Back to the planner</a>' in html


def test_a_part_is_cached_over_http_like_the_plan(client, catalog):
    first = part(client, "next-jobs")
    assert first["Cache-Control"] == "public, max-age=300"
    assert "HX-Request" in first["Vary"]
    again = client.get(
        f"/plan/details/?{QUERY}&part=next-jobs",
        headers={"HX-Request": "true", "If-None-Match": first["ETag"]},
    )
    assert again.status_code == 304
    assert part(client, "next-sources")["ETag"] != first["ETag"]
    assert client.get(f"/plan/details/?{QUERY}&part=next-jobs")["ETag"] != first["ETag"]  # page


def test_a_shared_plan_draws_its_sources_in_place(client, catalog):
    shared = client.post("/plan/share/", dict(re.findall(r"([a-z]+)=([a-z0-9-]+)", QUERY)))
    html = Client().get(shared["Location"]).content.decode()
    assert not folded_parts(html) and "/plan/details/" not in html
    assert '<details class="sources">' in html and "AAPC" in html
    assert '<h3 class="job-heading">' in html
