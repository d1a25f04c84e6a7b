"""The benchmark's own queries (bench/bench.py): each different and valid, and its shared plans
made as the planner makes them, so `make bench` measures plans a user could ask for."""

from django.http import QueryDict

from bench.bench import assessment_paths, shared_plan_paths
from careerpath import catalog as catalogs
from careerpath.forms import AssessmentForm


def test_the_no_repeat_queries_are_different_valid_assessments(catalog):
    current = catalogs.current()
    queries = assessment_paths(current, 300)
    assert len(set(queries)) == 300
    for query in queries:
        form = AssessmentForm(QueryDict(query), catalog=current)
        assert form.is_valid(), (query, form.errors)
    assert any("target=" in q for q in queries)  # some plans have a goal and its route


def test_shared_plans_are_made_from_the_queries(client, catalog):
    current = catalogs.current()
    [path] = shared_plan_paths(current, assessment_paths(current, 1))
    assert client.get(path).status_code == 200
