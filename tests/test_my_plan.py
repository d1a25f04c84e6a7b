"""Kept plans: keep, open, edit, log CEUs, subscribe, share, delete and prune a private plan."""

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from careerpath.models import CeuEntry, CredentialGoal, KeptPlan, SharedPlan

pytestmark = pytest.mark.django_db

ANSWERS = {
    "role": "medical-coder-i",
    "years": "2",
    "cert": ["cpc", "cpma"],
    "education": "certificate",
    "aapc_ceus": "12",
}


def keep(client, answers=ANSWERS):
    return client.post("/plan/keep/", answers)


@pytest.fixture
def address(client, catalog):
    response = keep(client)
    assert response.status_code == 303
    return response["Location"]


def cycle_end(months_ahead=6):
    """The month a cycle ends, some months after today (the tests run on any day)."""
    today = timezone.localdate()
    number = today.year * 12 + today.month - 1 + months_ahead
    return f"{number // 12}-{number % 12 + 1:02d}"


def log(client, address, **fields):
    entry = {
        "body": "aapc",
        "earned_on": timezone.localdate().isoformat(),
        "ceus": "2",
        "title": "Auditing webinar",
        **fields,
    }
    return client.post(address + "ceus/", entry)


def upkeep_text(html: str) -> str:
    return re.search(r'<section id="upkeep".*?</section>', html, re.S)[0]


def test_keeping_a_plan_leads_to_its_private_address(client, catalog):
    response = keep(client)
    assert response.status_code == 303
    token = re.fullmatch(r"/my/([A-Za-z0-9_-]{32})/", response["Location"])[1]
    page = Client().get(response["Location"])  # another browser: the address is the key
    html = page.content.decode()
    assert page.status_code == 200
    assert "This address is the key to your plan" in html
    assert "anyone who has the address can see and change this plan" in html
    assert re.search(rf'<p class="plan-address">https?://[^<]+/my/{token}/</p>', html)
    assert "Medical Coder I" in html and "Keeping your credentials" in html
    kept = KeptPlan.objects.get()
    assert ["cert", "cpma"] in kept.answers and ["aapc_ceus", "12"] in kept.answers
    # the table holds no working address: only the selector and a digest of the rest
    assert token not in repr(list(KeptPlan.objects.values()))


def test_the_plan_page_offers_keep_this_plan_in_the_share_form(client, catalog):
    html = client.get("/plan/?role=medical-coder-i&years=2").content.decode()
    assert 'formaction="/plan/keep/">Keep this plan</button>' in html


def test_keeping_needs_post_csrf_and_valid_answers(catalog):
    client = Client(enforce_csrf_checks=True)
    assert keep(client).status_code == 403
    assert client.get("/plan/keep/").status_code == 405
    assert Client().post("/plan/keep/", {**ANSWERS, "years": "-1"}).status_code == 400
    assert not KeptPlan.objects.exists()


def test_keeping_is_rate_limited_per_client(client, catalog, settings):
    settings.KEEP_RATE_LIMIT = 2
    assert keep(client).status_code == 303
    assert keep(client).status_code == 303
    refused = keep(client)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "Too many kept plans for now" in refused.content.decode()
    assert KeptPlan.objects.count() == 2
    assert keep(Client(REMOTE_ADDR="10.9.8.7")).status_code == 303


def test_private_pages_are_never_cached_referred_or_indexed(client, address):
    token = address.split("/")[2]
    for url in (address, address + "calendar.ics", address + "key.txt", f"/api/my/{token}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
        # the key's path is never a referrer (no-referrer would make the page's forms send
        # Origin: null, which CSRF protection refuses)
        assert response["Referrer-Policy"] == "strict-origin"
        assert response["X-Robots-Tag"] == "noindex"
        assert "ETag" not in response
    missing = client.get("/my/" + "A" * 32 + "/")
    assert missing.status_code == 404 and missing["Cache-Control"] == "private, no-store"


def test_a_guessed_or_altered_token_opens_nothing(client, address):
    token = address.split("/")[2]
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/my/{altered}/").status_code == 404  # right selector, wrong secret
    assert client.get(f"/my/{token[:12]}/").status_code == 404  # the selector alone
    assert client.get(f"/my/{token}x/").status_code == 404
    assert client.post(f"/my/{altered}/delete/").status_code == 404
    assert KeptPlan.objects.count() == 1


def test_editing_the_answers_saves_them_and_leads_back(client, address):
    response = client.post(address + "answers/", {**ANSWERS, "role": "coding-auditor"})
    assert response.status_code == 303 and response["Location"] == address
    assert ["role", "coding-auditor"] in KeptPlan.objects.get().answers
    assert "Coding Auditor" in client.get(address).content.decode()


def test_bad_answers_are_shown_next_to_the_field_and_change_nothing(client, address):
    before = KeptPlan.objects.get().answers
    response = client.post(address + "answers/", {**ANSWERS, "years": "200"})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<p class="field-error" id="years-error">Enter at most 50 years.</p>' in html
    assert KeptPlan.objects.get().answers == before


def test_the_live_plan_follows_catalog_changes(client, address):
    from stages.models import Role

    Role.objects.filter(slug="medical-coder-i").update(title="Coder, First Level")
    from careerpath.catalog import bump

    bump()
    assert "Coder, First Level" in client.get(address).content.decode()


def test_answers_the_catalog_no_longer_knows_are_marked_for_correction(client, address):
    token = address.split("/")[2]
    KeptPlan.objects.update(answers=[["role", "retired-role"], ["years", "2"]])
    html = client.get(address).content.decode()
    assert "Some answers need a change" in html
    assert "Choose a role from the list: “retired-role” is not one." in html
    api = client.get(f"/api/my/{token}/")
    assert api.status_code == 409
    assert api.json() == {
        "errors": {"role": ["Choose a role from the list: “retired-role” is not one."]}
    }


def test_the_ceu_log_replaces_the_typed_total(client, address):
    client.post(address + "answers/", {**ANSWERS, "aapc_due": cycle_end()})
    before = upkeep_text(client.get(address).content.decode())
    assert "Earned so far: 12;" in before
    assert log(client, address, ceus="1.5").status_code == 303
    assert log(client, address, ceus="2", category="aapc:auditing").status_code == 303
    html = client.get(address).content.decode()
    assert "Earned so far (your CEU log): 3;" in upkeep_text(html)
    assert "AAPC: 3.5 CEUs logged in this cycle (the upkeep counts whole CEUs: 3)." in html
    assert 'Auditing webinar <span class="muted">(auditing)</span>' in html


def test_entries_outside_the_cycle_do_not_count(client, address):
    client.post(address + "answers/", {**ANSWERS, "aapc_due": cycle_end()})
    long_ago = timezone.localdate() - timedelta(days=3 * 365)
    assert log(client, address, earned_on=long_ago.isoformat()).status_code == 303
    assert "Earned so far (your CEU log): 0;" in upkeep_text(client.get(address).content.decode())


def test_an_entry_can_be_deleted(client, address):
    log(client, address)
    entry = CeuEntry.objects.get()
    response = client.post(f"{address}ceus/{entry.pk}/delete/")
    assert response.status_code == 303
    assert not CeuEntry.objects.exists()
    assert "Earned so far: 12" in client.get(address).content.decode()


def test_one_plans_entry_cannot_be_deleted_through_another(client, address):
    other = keep(Client(REMOTE_ADDR="10.1.1.1"))["Location"]
    log(client, other)
    entry = CeuEntry.objects.get()
    client.post(f"{address}ceus/{entry.pk}/delete/")
    assert CeuEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"ceus": "-2"}, "ceu_ceus", "Enter more than 0 CEUs."),
        ({"ceus": "abc"}, "ceu_ceus", "Enter the CEUs as a number, for example 1.5."),
        ({"ceus": "120"}, "ceu_ceus", "Enter at most 99.9 CEUs for one activity."),
        (
            {"earned_on": (date.today() + timedelta(days=400)).isoformat()},
            "ceu_earned_on",
            "The date is in the future: log CEUs once you have earned them.",
        ),
        ({"earned_on": "14/03/2026"}, "ceu_earned_on", "Enter the date as YYYY-MM-DD"),
        ({"body": "acme"}, "ceu_body", "Choose a body from the list: “acme” is not one."),
        ({"title": ""}, "ceu_title", "Say what the activity was"),
        (
            {"category": "ahima:from AHIMA resources or its component associations"},
            "ceu_category",
            "Choose what the CEUs count towards for this body.",
        ),
    ],
)
def test_bad_log_entries_get_a_message_next_to_the_field(client, address, fields, field, message):
    response = log(client, address, **fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(rf'<p class="field-error" id="{field}-error">{re.escape(message)}', html)
    assert re.search(rf'aria-describedby="[^"]*{field}-error"', html)
    assert not CeuEntry.objects.exists()


def test_the_log_is_rate_limited(client, address, settings):
    settings.CEU_LOG_RATE_LIMIT = 3
    for _ in range(3):
        assert log(client, address).status_code == 303
    refused = log(client, address)
    assert refused.status_code == 429
    assert "You have logged many activities in a short time" in refused.content.decode()
    assert CeuEntry.objects.count() == 3


def test_the_log_is_capped(client, address, settings):
    settings.CEU_LOG_MAX_ENTRIES = 2
    log(client, address)
    log(client, address)
    refused = log(client, address)
    assert refused.status_code == 400
    assert "Your CEU log is full: it holds at most 2 entries." in refused.content.decode()
    assert CeuEntry.objects.count() == 2


def test_the_calendar_is_a_subscription_that_follows_the_plan(client, address):
    html = client.get(address).content.decode()
    calendar = address + "calendar.ics"
    assert re.search(rf'href="webcal://[^"/]+{calendar}">Subscribe in your calendar app', html)
    client.post(address + "answers/", {**ANSWERS, "aapc_due": cycle_end(6)})
    response = client.get(calendar)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" not in response.get("Content-Disposition", "")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    events = {str(e["UID"]).split("@")[0]: e for e in events}
    assert str(events[f"renewal-aapc-{cycle_end(6)}"]["SUMMARY"]) == (
        "AAPC renewal cycle ends (CPC, CPMA)"
    )
    pace = events["pace-aapc"]
    # CPC + CPMA: 40 CEUs; 12 earned; 7 months left, this one included: 28 / 7 = 4 a month
    assert str(pace["SUMMARY"]).startswith("AAPC CEUs: 4 a month to finish by")
    assert pace["RRULE"]["FREQ"] == ["MONTHLY"]
    log(client, address, ceus="40")
    events = Calendar.from_ical(client.get(calendar).content).walk("VEVENT")
    assert [str(e["UID"]).split("@")[0] for e in events] == [f"renewal-aapc-{cycle_end(6)}"]


def test_sharing_from_a_kept_plan_gives_a_snapshot_that_never_leads_back(client, address):
    log(client, address, ceus="5")
    html = client.get(address).content.decode()
    form = re.search(r'<form method="post" action="/plan/share/">(.*?)</form>', html, re.S)[1]
    fields = re.findall(r'name="(\w+)" value="([^"]*)"', form)
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    response = client.post("/plan/share/", data)
    assert response.status_code == 303
    shared = Client().get(response["Location"]).content.decode()
    assert "A shared career plan" in shared
    token = address.split("/")[2]
    assert token not in shared and "/my/" not in shared
    assert ["aapc_ceus", "5"] in SharedPlan.objects.get().query  # the log's count, as answers


def test_the_api_gives_the_live_plan_with_its_log(client, address):
    token = address.split("/")[2]
    client.post(address + "answers/", {**ANSWERS, "aapc_due": cycle_end()})
    log(client, address, ceus="2.5", category="aapc:auditing")
    body = client.get(f"/api/my/{token}/").json()
    plain = client.get(
        "/api/plan/", {**ANSWERS, "aapc_due": cycle_end(), "aapc_ceus": "2"}
    ).json()  # the same plan, with the log's whole CEUs typed
    assert body["position"] == plain["position"] and body["route"] == plain["route"]
    assert body["credential_upkeep"] == plain["credential_upkeep"]
    [aapc] = body["credential_upkeep"]["bodies"]
    assert aapc["ceus_earned"] == 2
    today = timezone.localdate().isoformat()
    assert body["ceu_log"] == [
        {
            "date": today,
            "body": "aapc",
            "ceus": 2.5,
            "title": "Auditing webinar",
            "category": "auditing",
        }
    ]
    assert body["ceu_log_count"] == 1 and body["ceus_logged"] == {"aapc": 2.5}
    assert client.post(f"/api/my/{token}/").status_code == 405  # writes go through the forms
    assert client.get(f"/api/my/{'A' * 32}/").status_code == 404


def test_deleting_removes_the_plan_and_its_log_for_good(client, address):
    log(client, address)
    client.post(address + "goals/", {"certification": "cpc", "exam_month": cycle_end(3)})
    response = client.post(address + "delete/")
    assert response.status_code == 303
    assert "Your plan is deleted" in client.get(response["Location"]).content.decode()
    assert not KeptPlan.objects.exists() and not CeuEntry.objects.exists()
    assert not CredentialGoal.objects.exists()
    assert client.get(address).status_code == 404
    assert client.get(address + "calendar.ics").status_code == 404


def test_the_key_note_holds_the_address(client, address):
    response = client.get(address + "key.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert address in response.content.decode()
    assert "Anyone who has it can see and change the plan" in response.content.decode()


def test_prune_removes_plans_not_opened_for_the_retention_time(client, address, settings):
    settings.MY_PLAN_RETENTION_DAYS = 30
    fresh = keep(Client(REMOTE_ADDR="10.2.2.2"))["Location"]
    old = KeptPlan.objects.get(selector=address.split("/")[2][:12])
    KeptPlan.objects.filter(pk=old.pk).update(opened_at=timezone.now() - timedelta(days=31))
    log(client, address)

    call_command("prune_plans", "--dry-run")
    assert KeptPlan.objects.count() == 2  # a dry run only says what would go

    call_command("prune_plans")
    assert client.get(address).status_code == 404
    assert client.get(fresh).status_code == 200
    assert not CeuEntry.objects.exists()


def test_opening_a_plan_keeps_it(client, address, settings):
    settings.MY_PLAN_RETENTION_DAYS = 30
    KeptPlan.objects.update(opened_at=timezone.now() - timedelta(days=31))
    assert client.get(address).status_code == 200
    call_command("prune_plans")
    assert KeptPlan.objects.count() == 1


def in_months(months: int) -> str:
    return cycle_end(months)


def test_a_goal_is_listed_in_the_calendar_and_the_api_and_moves(client, address):
    token = address.split("/")[2]
    response = client.post(address + "goals/", {"certification": "cpc", "exam_month": in_months(4)})
    assert response.status_code == 303 and response["Location"] == address + "#goals"
    html = client.get(address).content.decode()
    assert "CPC: sit in" in html and "4 months from now." in html
    events = Calendar.from_ical(client.get(address + "calendar.ics").content).walk("VEVENT")
    [goal] = [e for e in events if str(e["UID"]).startswith("goal-")]
    assert str(goal["SUMMARY"]) == "Goal: sit the CPC exam this month"
    assert goal.decoded("DTSTART").strftime("%Y-%m") == in_months(4)
    # the same credential again moves the goal: one goal per credential
    client.post(address + "goals/", {"certification": "cpc", "exam_month": in_months(6)})
    body = client.get(f"/api/my/{token}/").json()
    assert body["goals"] == [{"certification": "cpc", "exam_month": in_months(6)}]
    goal = CredentialGoal.objects.get()
    assert client.post(f"{address}goals/{goal.pk}/delete/").status_code == 303
    assert not CredentialGoal.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"exam_month": "2001-01"}, "goal_exam_month", "That month has passed"),
        ({"exam_month": "March"}, "goal_exam_month", "Enter the month as YYYY-MM"),
        ({"certification": "xyz"}, "goal_certification", "Choose a credential from the list"),
    ],
)
def test_a_bad_goal_is_refused_next_to_its_field(client, address, fields, field, message):
    response = client.post(
        address + "goals/", {"certification": "cpc", "exam_month": in_months(3), **fields}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(rf'<p class="field-error" id="{field}-error">{re.escape(message)}', html)
    assert not CredentialGoal.objects.exists()


def test_goals_are_capped(client, address, monkeypatch):
    monkeypatch.setattr("careerpath.keeping.MAX_GOALS", 1)
    client.post(address + "goals/", {"certification": "cpc", "exam_month": in_months(3)})
    refused = client.post(address + "goals/", {"certification": "ccs", "exam_month": in_months(3)})
    assert refused.status_code == 400
    assert "A plan holds at most 1 goals" in refused.content.decode()
    assert CredentialGoal.objects.count() == 1


def test_a_goal_for_a_credential_the_route_misses_shows_on_that_step(client, catalog):
    address = keep(
        client,
        {"role": "medical-coder-i", "years": "2", "cert": "cpc", "target": "cdi-specialist"},
    )["Location"]

    def route():
        html = client.get(address).content.decode()
        return re.search(r'<section class="card plan-route".*?</section>', html, re.S)[0]

    assert "you aim to sit" not in route()  # the step misses one of CCS, RHIA, RHIT
    client.post(address + "goals/", {"certification": "ccs", "exam_month": in_months(5)})
    exam = date.fromisoformat(in_months(5) + "-01")
    assert f"CCS: you aim to sit in {exam:%B %Y}." in route()
    # a goal for a credential the route does not miss is not put on it
    client.post(address + "goals/", {"certification": "crc", "exam_month": in_months(5)})
    assert "CRC: you aim" not in route()
    # the anonymous planner has no goals: the same route says none
    plain = client.get("/plan/?role=medical-coder-i&years=2&cert=cpc&target=cdi-specialist")
    assert "you aim to sit" not in plain.content.decode()


def milestones_card(client, address) -> str:
    html = client.get(address).content.decode()
    return re.search(r'<section class="card plan-milestones".*?</section>', html, re.S)[0]


def test_a_milestone_is_marked_done_and_not_done_again(client, address):
    token = address.split("/")[2]
    card = milestones_card(client, address)
    assert "Done (marked by you)" not in card
    assert card.count(">Mark done</button>") >= 1  # each milestone the answers leave open
    response = client.post(address + "milestones/reach-three-years/")
    assert response.status_code == 303 and response["Location"] == address + "#readiness-heading"
    card = milestones_card(client, address)
    assert "Done (marked by you):</span> Reach" in card
    assert ">Not done yet</button>" in card
    assert client.get(f"/api/my/{token}/").json()["milestones_done"] == ["reach-three-years"]
    client.post(address + "milestones/reach-three-years/", {"done": "0"})
    assert "Done (marked by you)" not in milestones_card(client, address)
    assert KeptPlan.objects.get().milestones_done == []


def test_an_unknown_milestone_or_address_changes_nothing(client, address):
    assert client.post(address + "milestones/no-such-milestone/").status_code == 404
    wrong = address[:-5] + "xxxx/"
    assert client.post(wrong + "milestones/reach-three-years/").status_code == 404
    assert KeptPlan.objects.get().milestones_done == []


def test_marking_a_milestone_needs_csrf(catalog):
    browser = Client(enforce_csrf_checks=True)
    address = keep(Client())["Location"]
    assert browser.post(address + "milestones/reach-three-years/").status_code == 403
    assert KeptPlan.objects.get().milestones_done == []


def test_the_anonymous_plan_has_no_mark_buttons(client, catalog):
    html = client.get("/plan/?role=medical-coder-i&years=2&cert=cpc").content.decode()
    assert "Mark done" not in html and "plan-milestones" in html


def test_a_token_is_compared_in_constant_time_whether_or_not_its_row_exists(
    client, address, monkeypatch
):
    """What an answer's time could tell, checked by what the lookup does rather than by a clock
    (tests never time anything): a wrong secret and an unknown selector both end in one
    `hmac.compare_digest` of two SHA-256 digests of the same length, and never in `==`."""
    import hmac

    from careerpath import keeping

    compared, compare = [], hmac.compare_digest

    def recording(a, b):
        compared.append((len(a), len(b)))
        return compare(a, b)

    monkeypatch.setattr(keeping.hmac, "compare_digest", recording)
    token = address.split("/")[2]
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert keeping.find_kept_plan(altered) is None  # its row exists: a wrong secret
    assert keeping.find_kept_plan("Z" * len(token)) is None  # no row has this selector
    assert keeping.find_kept_plan(token) is not None
    assert compared == [(64, 64)] * 3
