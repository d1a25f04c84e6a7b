"""Home, career map, role, credential and compare pages: real content, links both ways."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerpath import catalog as catalog_module
from careerpath import planner
from stages.models import CareerStage, Role, Track, Transition

from .factories import RoleFactory, RoleRequirementFactory, TransitionFactory

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    html = re.sub(r">\s+<", "><", response.content.decode())  # markup, not indentation
    assert html.count("<h1") == 1 and "<title>" in html
    return html


def test_home_shows_the_headline_facts_with_sources(client, catalog):
    html = page(client, "/")
    assert "$51,140" in html and "($24.59 an hour)" in html  # median, current release
    assert "BLS OEWS May 2025, Medical Records Specialists (29-2072)" in html
    assert "194,720" in html  # OEWS employment
    assert "7.1%" in html and "about 14,200" in html and "Employment Projections 2024-34" in html
    assert 'href="/plan/"' in html


def test_home_starts_a_plan_from_every_role_grouped_by_stage_with_its_band(client, catalog):
    html = page(client, "/")
    start = html[html.index('id="start-heading"') : html.index('id="browse-heading"')]
    stages = re.findall(r'<h3 id="start-([\w-]+)">', start)
    assert stages == list(CareerStage.objects.order_by("order").values_list("slug", flat=True))
    for slug in stages:
        card = re.search(rf'id="start-{slug}">(.*?)</section>', start, re.S)[1]
        links = re.findall(r'href="/plan/\?role=([\w-]+)"', card)
        assert sorted(links) == sorted(
            Role.objects.filter(stage__slug=slug).values_list("slug", flat=True)
        )
    entry = " ".join(start[start.index('id="start-entry"') : start.index('id="start-mid"')].split())
    # The band's figures, with the occupation, the source and the period beside them.
    assert "$37,000 – $43,490" in entry
    assert (
        "10th to 25th percentile of medical records specialists (SOC 29-2072), BLS OEWS May 2025"
        in entry
    )


def test_the_career_map_links_every_role(client, catalog):
    html = page(client, "/paths/")
    for slug in Role.objects.values_list("slug", flat=True):
        # Twice: a box of the drawing and an item of the lists that say the same in text.
        assert html.count(f'href="/roles/{slug}/"') >= 2
        assert re.search(
            rf'<a class="map-node" data-key="{slug}" href="/roles/{slug}/" aria-label="[^"]+"', html
        )
    for stage in CareerStage.objects.all():
        assert f'<h3 id="stage-{stage.slug}">{stage.name} <span class="muted">' in html
    for track in Track.objects.all():
        assert f"{track.name}\n        track</span>" in html or f"{track.name} track" in html
    assert 'Promotion</span> → <a href="/roles/coding-manager/"' in html
    assert "style=" not in html  # the drawing is styled by classes only (CSP)
    assert (
        "0-2 years · $37,000–$43,490, the 10th to 25th percentile of medical records "
        "specialists (SOC 29-2072), BLS OEWS May 2025" in html
    )
    assert "3-6 years · " in html and "7+ years · " in html


def test_the_map_draws_every_move_as_an_arrow_of_its_kind(client, catalog):
    html = page(client, "/paths/")
    for kind in ("promotion", "lateral", "pivot"):
        drawn = len(re.findall(rf'<path class="map-edge {kind}" data-from="[\w-]+" data-to', html))
        assert drawn == Transition.objects.filter(kind=kind).count() > 0, kind
    assert "Lateral move</li>" in html  # the legend names each kind


def test_each_box_shows_the_pay_band_the_planner_gives_its_role(client, catalog):
    html = page(client, "/paths/")
    assert re.search(
        r'aria-label="Coding Manager: Senior/Management, Management track; pay band '
        r'\$64,820 to \$81,150 a year">',
        html,
    )
    assert "$64,820–$81,150 a year</text>" in html
    # A role of another occupation shows that occupation's band, as the planner gives it.
    current = catalog_module.current()
    director = planner.role_band(current, current.role("revenue-cycle-director"))
    assert director.occupation.soc_code == "11-9111"
    assert re.search(
        rf'aria-label="Revenue Cycle Director: [^"]*; pay band '
        rf'\${director.low:,} to \${director.high:,} a year">',
        html,
    )
    assert "BLS OEWS May 2025" in html  # where the bands come from, and for which period

    # The band follows the role's own occupation: without one, the box has no figure either.
    manager = Role.objects.get(slug="coding-manager")
    manager.wage_occupation = None
    manager.save()  # as in the admin: the catalog's version changes
    html = page(client, "/paths/")
    assert re.search(r'aria-label="Coding Manager: [^"]*; no BLS wage figure"', html)


def test_arriving_from_a_plan_marks_where_you_stand_and_one_tier_up(client, catalog):
    html = page(client, "/paths/?role=medical-coder-i")
    assert 'class="map-role is-here"><a href="/roles/medical-coder-i/"' in html
    assert 'class="map-role is-next"><a href="/roles/senior-medical-coder/"' in html
    assert 'class="map-role is-next"><a href="/roles/coding-manager/"' not in html
    here = re.findall(
        r'<a class="map-node is-here" data-key="[\w-]+" href="/roles/([\w-]+)/"', html
    )
    next_tier = re.findall(
        r'<a class="map-node is-next" data-key="[\w-]+" href="/roles/([\w-]+)/"', html
    )
    assert here == ["medical-coder-i"]
    assert set(next_tier) == {
        "senior-medical-coder",
        "coding-auditor",
        "coding-educator",
        "cdi-specialist",
    }
    # The moves out of where you stand are drawn strongly; the others are not.
    routes = re.findall(
        r'class="map-edge \w+ is-route" data-from="([\w-]+)" data-to="([\w-]+)"', html
    )
    moves = Transition.objects.filter(from_role__slug="medical-coder-i")
    assert sorted(routes) == sorted(moves.values_list("from_role__slug", "to_role__slug"))
    assert "unknown" not in page(client, "/paths/?role=wizard", status=400)


def test_a_role_page_has_everything_a_coder_asks(client, catalog):
    html = page(client, "/roles/him-director/")
    assert "Director of Health Information Management" in html
    assert "Bachelor" in html  # education requirement
    assert 'href="/certifications/rhia/"' in html
    # Its own occupation (11-9111), not the coders' senior band: see test_salary_fixture.py.
    assert "Medical and Health Services Managers (SOC 11-9111)" in html
    assert 'href="/plan/?role=him-director"' in html  # Plan from here
    assert "Comes from" in html and 'href="/roles/coding-manager/"' in html


def test_a_role_page_names_what_its_band_is_based_on_once(client, catalog):
    html = page(client, "/roles/coding-auditor/")
    # The catalog's text already says what kind of source it is ("Source article: …").
    assert '<p class="source">Based on: Source article: Salary Progression Summary.</p>' in html
    assert "Source: Source article" not in html
    # The two ways on from the page sit apart, in one row (.actions), not run together.
    assert '<p class="actions"><a class="button" href="/plan/?role=coding-auditor">' in html


def test_any_one_of_groups_are_shown_as_such(client, catalog):
    html = page(client, "/roles/medical-coder-i/")
    assert "any one of them" in html
    assert 'href="/certifications/cpc/"' in html and 'href="/certifications/ccs/"' in html


def test_unknown_slugs_are_a_helpful_404(client, catalog):
    for url in ("/roles/chief-wizard/", "/certifications/xyz/"):
        html = page(client, url, status=404)
        assert "We could not find that page" in html


def test_credentials_are_grouped_by_issuing_body(client, catalog):
    html = page(client, "/certifications/")
    positions = [html.index(f'id="body-{body}"') for body in ("aapc", "ahima", "acdis", "ccb")]
    assert positions == sorted(positions)
    assert 'href="/certifications/chps/"' in html
    # A body known by its acronym alone is named once (AAPC), another with its name (AHIMA).
    assert '<h2 id="body-aapc">AAPC</h2>' in html
    assert (
        '<h2 id="body-ahima">AHIMA <span class="muted">American Health Information Management'
        in html
    )


def test_a_credential_page_shows_each_fact_with_its_status(client, catalog):
    html = page(client, "/certifications/cpc/")
    assert "100" in html and "Issuer&#39;s own page" in html
    assert "CPC-A" in html  # apprentice rule and how it is removed
    assert 'href="/roles/medical-coder-i/"' in html
    unconfirmed = page(client, "/certifications/cpc-p/")
    assert "Not confirmed: no source we could check gives this yet." in unconfirmed


def test_compare_lists_what_differs(client, catalog):
    html = page(client, "/compare/?role=coding-manager&role=him-director")
    assert "What differs" in html
    assert (
        "Director of Health Information Management (HIM) requires RHIA; Coding Manager does not."
        in html
    )
    assert "Education: Coding Manager asks for no set level; " in html
    assert (
        "The two bands come from different BLS occupations: Coding Manager from Medical Records "
        "Specialists (29-2072), Director of Health Information Management (HIM) from Medical "
        "and Health Services Managers (11-9111)." in html
    )
    assert "percentile to the median of Medical and Health Services Managers (SOC 11-9111)" in html
    assert page(
        client, "/compare/?role=medical-coder-i&role=coding-manager&role=health-data-analyst"
    )


def test_compare_with_bad_input_explains_itself(client, catalog):
    assert "not a role we know" in page(client, "/compare/?role=a&role=b", status=400)
    html = page(client, "/compare/?role=coding-manager")  # from a role page: pre-filled
    assert '<option value="coding-manager" selected>' in html


def compared(html):
    """The comparison table read as a user reads its cards: the aspect names of its header,
    then each card's heading, its cells by their labels (in order) and its Sources disclosures."""
    table = html[html.index('<table class="compare-cards"') : html.index("</table>")]
    head, body = table.split('<tbody role="rowgroup">')
    cards = [
        {
            "name": re.sub(
                r"<[^>]+>", "", re.search(r'role="heading" aria-level="3">(.*?)</span>', row)[1]
            ),
            "cells": re.findall(
                r'<td role="cell"><span class="cell-label">([^<]+)</span>(.*?)</td>', row, re.S
            ),
            "sources": re.findall(
                r'<details class="sources"><summary>Sources.*?</details>', row, re.S
            ),
        }
        for row in body.split('<tr role="row">')[1:]
    ]
    return re.findall(r'<th scope="col" role="columnheader">([^<]+)</th>', head), cards


def test_each_compared_role_is_a_card_with_the_same_rows_and_one_sources_disclosure(
    client, catalog
):
    aspects, cards = compared(page(client, "/compare/?role=coding-manager&role=him-director"))
    assert [c["name"] for c in cards] == [
        "Coding Manager",
        "Director of Health Information Management (HIM)",
    ]
    for card in cards:
        # The same rows in the same order as the wide table's header; Sources closes each card.
        assert [label for label, _ in card["cells"]] + ["Sources"] == aspects
        assert len(card["sources"]) == 1
    manager, director = (dict(c["cells"]) for c in cards)
    assert manager["Stage"] == "Senior/Management" and director["Required credentials"] == "RHIA"
    # The cell says what the band is; the occupation's code and the reason are cited once, below.
    assert "SOC" not in director["Pay band (a year)"]
    assert "Medical and Health Services Managers (SOC 11-9111)" in cards[1]["sources"][0]
    assert "Why this occupation and band" in cards[1]["sources"][0]


def test_each_compared_credential_names_its_body_once_and_keeps_citations_behind_sources(
    client, catalog
):
    html = page(client, "/certifications/compare/?cert=cpc&cert=ccs")
    aspects, (cpc, ccs) = compared(html)
    assert (cpc["name"], ccs["name"]) == ("CPC", "CCS")
    assert dict(cpc["cells"])["Issuing body"] == "AAPC" and "AAPC (AAPC)" not in html
    assert dict(ccs["cells"])["Issuing body"] == (
        "American Health Information Management Association (AHIMA)"
    )
    for card in (cpc, ccs):
        assert [label for label, _ in card["cells"]] + ["Sources"] == aspects
        assert len(card["sources"]) == 1
        cells = "".join(value for _, value in card["cells"])
        # No cell cites a web page; the card's one disclosure holds every citation.
        assert ".com" not in cells and ".org" not in cells and "source:" not in cells.lower()
    assert "aapc.com/resources/cpc-exam-faqs" in cpc["sources"][0]
    assert "not seen on aapc.com" in cpc["sources"][0]  # the membership fee's third-party sites
    assert "ahima.org/certification/Recertification" in ccs["sources"][0]


def grow_catalog(extra):
    """Add `extra` roles, each with a requirement and a transition, to the loaded catalog."""
    stage, track = CareerStage.objects.get(slug="mid"), Track.objects.get(slug="coding")
    anchor = Role.objects.get(slug="medical-coder-i")
    for _ in range(extra):
        role = RoleFactory(stage=stage, track=track)
        RoleRequirementFactory(role=role)
        TransitionFactory(from_role=anchor, to_role=role)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/paths/?role=medical-coder-i",
        "/roles/medical-coder-i/",
        "/certifications/",
        "/certifications/cpc/",
        "/compare/?role=medical-coder-i&role=coding-manager",
    ],
)
def test_queries_do_not_grow_with_the_catalog(client, catalog, url):
    def count():
        client.get(url)  # warm the in-memory catalog
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    grow_catalog(30)
    assert count() == before
