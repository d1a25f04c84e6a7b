"""What the job is (O*NET) and where it is going (BLS) beside each role: the role page, the
plan's next-tier and route cards and the API, against the shipped catalog and its rows."""

import re
from html import unescape

import pytest

from careerpath import catalog as planner_catalog
from careerpath import planner
from salaries.models import OnetProfile, Projection


def text_of(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def onet(code: str) -> OnetProfile:
    return OnetProfile.objects.get(occupation__soc_code=code)


def current_projection(code: str) -> Projection:
    return Projection.objects.get(occupation__soc_code=code, is_current=True)


def test_a_role_page_shows_the_occupations_tasks_technology_titles_and_outlook(client, catalog):
    page = text_of(client.get("/roles/coding-auditor/"))
    profile = onet("29-2072")
    # 29-2072 has no core tasks in O*NET 29.3: the page says so and lists the first five.
    tasks = list(profile.tasks.order_by("task_id").values_list("statement", flat=True))
    assert "it marks none of this occupation's 17 as core" in page
    for task in tasks[: planner.TASKS_SHOWN]:
        assert task in page
    assert tasks[planner.TASKS_SHOWN] not in page
    assert re.search(r"Epic Systems \(hot\)", page)
    projection = current_projection("29-2072")
    assert f"+{projection.change_percent} %" in page  # a no-break space, a space once read
    assert f"{round(projection.annual_openings * 1000):,} openings a year" in page
    assert "postsecondary nondegree award" in page
    assert projection.factor in page  # quoted as BLS words it
    assert "Includes information from the O*NET 29.3 (May 2025) Database" in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in page
    titles = page.split("Job titles to search for:</span> ")[1].split(".</p>")[0].split("; ")
    assert titles[:2] == [
        "Coding Auditor",
        "Health Information Management Inpatient Coding Auditor (HIM Inpatient Coding Auditor)",
    ]
    assert 6 <= len(titles) <= planner.SEARCH_TITLES


def test_core_tasks_are_shown_as_core_and_no_factor_is_no_quote(client, catalog):
    page = text_of(client.get("/roles/compliance-officer/"))
    core = onet("13-1041").tasks.filter(core=True).order_by("task_id")
    assert "Core tasks" in page
    assert all(t in page for t in core.values_list("statement", flat=True)[: planner.TASKS_SHOWN])
    assert current_projection("13-1041").factor == ""
    assert "Table 1.12" not in page


def test_a_role_without_a_profile_shows_none_and_says_nothing_made_up(client, catalog):
    OnetProfile.objects.filter(occupation__soc_code="13-1041").delete()
    Projection.objects.filter(occupation__soc_code="13-1041").delete()
    page = text_of(client.get("/roles/compliance-officer/"))
    assert "job-heading" not in page and "O*NET" not in page


def test_the_api_gives_each_next_role_and_route_step_its_profile(client, catalog):
    data = client.get(
        "/api/plan/?role=senior-medical-coder&years=5&cert=cpc&target=compliance-officer"
    ).json()
    roles = [*data["next_roles"], *data["route"]["steps"]]
    assert roles
    for entry in roles:
        role = planner_catalog.current().role(entry["role"])
        profile = entry["occupation_profile"]
        assert profile["occupation"] == role.occupation
        found = onet(role.occupation)
        hot = set(found.technology.filter(hot=True).values_list("example", flat=True))
        assert all(t["hot"] == (t["name"] in hot) for t in profile["technology"])
        assert len(profile["technology"]) <= planner.TECHNOLOGY_SHOWN
        assert profile["search_titles"][: 1 + len(role.aliases)] == [role.title, *role.aliases]
        assert len(profile["search_titles"]) <= planner.SEARCH_TITLES
        projection = current_projection(role.occupation)
        assert profile["projection"] == {
            "period": projection.period_label,
            "change_percent": str(projection.change_percent),
            "openings_per_year": round(projection.annual_openings * 1000),
            "typical_education": projection.entry_education,
            "factor": projection.factor or None,
            "source": projection.source,
        }
        assert profile["onet_release"] == "29.3 (May 2025)"
        assert "CC BY 4.0" in profile["source"]


@pytest.mark.parametrize(
    "query",
    [
        "role=senior-medical-coder&years=5&cert=cpc&target=compliance-officer",
        "years=0&target=coding-auditor",
    ],
)
def test_every_profile_in_a_plan_carries_the_onet_credit(client, catalog, query):
    # The plan folds each card's jobs, drawn when opened from the page of the plan's details.
    plan = client.get("/plan/?" + query).content.decode()
    parts = re.findall(r'<details class="job-profile" hx-get="[^"]*&amp;part=([a-z-]+)"', plan)
    assert parts
    details = client.get("/plan/details/?" + query).content.decode()
    for part in parts:
        section = details[details.index(f'<section id="{part}"') :].split("</section>")[0]
        profiles = section.split('<h3 class="job-heading">')[1:]
        assert profiles
        for profile in profiles:
            assert "O*NET 29.3 (May 2025) Database" in profile and "CC BY 4.0" in profile


def test_a_plan_card_names_titles_per_role_and_each_occupation_once(client, catalog):
    query = "role=medical-coder-i&years=2&cert=cpc"
    page = client.get(f"/plan/?{query}").content.decode()
    plan_card = page.split('id="next-heading"')[1].split("</section>")[0]
    assert plan_card.count('<details class="job-profile"') == 1
    card = client.get(
        f"/plan/details/?{query}&part=next-jobs", headers={"HX-Request": "true"}
    ).content.decode()
    current = planner_catalog.current()
    roles = re.findall(r'<h3><a href="/roles/([a-z0-9-]+)/">', plan_card)
    assert roles
    occupations = {current.role(slug).occupation for slug in roles}
    for slug in roles:
        titles = current.role_profile(slug).search_titles
        title = current.role(slug).title
        assert f"Search for, as {title}:</span> {'; '.join(titles[:6])}." in unescape(card)
    for code in occupations:
        title = onet(code).occupation.title
        assert card.count(f'<h3 class="job-heading">{title} (SOC {code})</h3>') == 1
