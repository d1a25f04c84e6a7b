"""Arbitrary query strings and form bodies never produce a 500."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ALLOWED = {200, 400, 404, 405, 429}
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

fuzz = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzz
@given(pairs=pairs)
def test_the_planner_and_api_answer_any_parameters(client, catalog, pairs):
    query = urlencode(pairs)
    for path in ("/plan/", "/api/plan/", "/compare/", "/paths/", "/plan/calendar.ics"):
        url = f"{path}?{query}"
        assert client.get(url).status_code in ALLOWED, url
    assert client.get(f"/plan/?{query}", headers={"HX-Request": "true"}).status_code in ALLOWED


@fuzz
@given(query=raw_query)
def test_raw_query_strings_never_break_a_page(client, catalog, query):
    for path in ("/plan/", "/api/plan/", "/salaries/", "/compare/"):
        assert client.get(f"{path}?{query}").status_code in ALLOWED, query


@fuzz
@given(pairs=pairs)
def test_the_share_endpoint_answers_any_form_body(client, catalog, pairs):
    body = {}
    for key, value in pairs:
        body.setdefault(key, []).append(value)
    response = client.post("/plan/share/", body)
    assert response.status_code in ALLOWED | {303}
