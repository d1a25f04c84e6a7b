"""Arbitrary query strings, form bodies and raw bodies of any content type get the answer each
URL promises: a page or a clear 400, never a 500 (nor a 404 or 405 a working link could not
explain)."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# What each URL may answer to any query: the page, or a 400 that says what to correct.
PAGE_OR_400 = {200, 400}
FIELDS = ["role", "years", "cert", "education", "track", "accuracy", "audits", "specialty"]
FIELDS += ["aapc_due", "aapc_ceus", "ahima_due", "ccb_ceus", "course", "practicode"]
KNOWN = ["medical-coder-i", "coding-manager", "cpc", "ccs", "bachelor", "management", "0", "95"]
KNOWN += ["2027-03", "1999-12", "1"]

values = st.one_of(
    st.sampled_from(KNOWN),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.just(""),
)
pairs = st.lists(
    st.tuples(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), values), max_size=12
)
raw_query = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200
).map(lambda t: quote(t, safe="=&%+;"))

fuzz = hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzz
@given(pairs=pairs)
def test_the_planner_and_api_answer_any_parameters(client, catalog, pairs):
    query = urlencode(pairs)
    for url in (f"/plan/?{query}", f"/api/plan/?{query}", f"/compare/?{query}", f"/paths/?{query}"):
        assert client.get(url).status_code in PAGE_OR_400, url
    # The calendar needs a cycle end month: without one it is a 400 that says so.
    assert client.get(f"/plan/calendar.ics?{query}").status_code in PAGE_OR_400
    # htmx swaps only 2xx answers: a wrong answer is a 200 fragment with the field messages.
    assert client.get(f"/plan/?{query}", headers={"HX-Request": "true"}).status_code == 200


@fuzz
@given(query=raw_query)
def test_raw_query_strings_never_break_a_page(client, catalog, query):
    for path in ("/plan/", "/api/plan/", "/salaries/", "/compare/"):
        assert client.get(f"{path}?{query}").status_code in PAGE_OR_400, query


content_types = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=nonsense",
        "multipart/form-data; boundary=b",
        "multipart/form-data",
        "text/plain",
    ]
)


@fuzz
@given(body=st.binary(max_size=300), content_type=content_types)
def test_the_share_endpoint_answers_any_raw_body(client, catalog, settings, body, content_type):
    settings.SHARE_RATE_LIMIT = 10_000  # the limit is tested in test_share; here, the answers
    response = client.generic("POST", "/plan/share/", body, content_type=content_type)
    # A short link, the form with its messages, or the page for a body that cannot be read.
    assert response.status_code in {303, 400}, (body, content_type)


@fuzz
@given(pairs=pairs)
def test_the_share_endpoint_answers_any_form_body(client, catalog, settings, pairs):
    settings.SHARE_RATE_LIMIT = 10_000  # the limit is tested in test_share; here, the answers
    body = {}
    for key, value in pairs:
        body.setdefault(key, []).append(value)
    response = client.post("/plan/share/", body)
    assert response.status_code in {303, 400}  # a short link, or the form with its messages


CEU_FIELDS = ["body", "earned_on", "ceus", "title", "category"]
CEU_KNOWN = ["aapc", "ahima", "2026-01-15", "1.5", "0", "-3", "1e5", "aapc:auditing", "x" * 300]
ceu_pairs = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(CEU_FIELDS), st.text(max_size=10)),
        st.one_of(st.sampled_from(CEU_KNOWN), values),
    ),
    max_size=10,
)


@fuzz
@given(answers=pairs, entry=ceu_pairs)
def test_a_kept_plans_forms_answer_any_form_body(client, catalog, settings, answers, entry):
    settings.KEEP_RATE_LIMIT = settings.CEU_LOG_RATE_LIMIT = 10_000  # tested in test_my_plan
    address = client.post("/plan/keep/", {"years": "1", "cert": "cpc"})["Location"]
    for url, fields in ((address + "ceus/", entry), (address + "answers/", answers)):
        body = {}
        for key, value in fields:
            body.setdefault(key, []).append(value)
        assert client.post(url, body).status_code in {303, 400}, (url, body)
    assert client.get(address).status_code == 200  # whatever was sent, the plan still opens
