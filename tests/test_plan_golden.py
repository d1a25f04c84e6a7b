"""The planner's answers for a few hundred varied people, pinned by a digest.

Every role of the shipped catalog (and none), years, credentials, education, track, specialty,
accuracy, audits, renewal cycles and apprentice credits are varied deterministically (a fixed
list plus a seeded `random.Random`) and planned as of one fixed day. Each plan is serialised with
pydantic's `model_dump_json()` and all of them are hashed into one sha256 digest; the role and
credential comparisons and the stage bands get digests of their own. The digests are stored in
`tests/golden/plans.json`.

This test exists so that a change of layout (moving rules between modules) is proved to change
no answer. A changed digest means the plans changed: that must be deliberate. When it is (a rule
or the shipped catalog changed on purpose), regenerate the file and commit it with the change:

    CAREERPATH_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_plan_golden.py

The catalog is read with a fixed version ("test", see `real_catalog`), because every plan
carries the catalog's version.
"""

import hashlib
import itertools
import json
import os
import random
from datetime import date
from pathlib import Path

import pytest

from careerpath.planner import (
    Assessment,
    CycleAnswer,
    build_plan,
    compare_credentials,
    compare_roles,
    stage_bands,
)

GOLDEN = Path(__file__).resolve().parent / "golden" / "plans.json"
TODAY = date(2026, 12, 1)
SEED = 22
RANDOM_PEOPLE = 300


def canonical(model) -> str:
    """`model_dump_json()` with the order of sets made stable: a frozenset of strings (the
    credentials held, the credits done) iterates in an order that changes from one process to
    the next, so it is sorted; everything else keeps the order the planner gave it."""

    data = json.loads(model.model_dump_json())
    for assessment in assessments_in(data):
        assessment["certifications"] = sorted(assessment["certifications"])
        assessment["apprentice_credits"] = sorted(assessment["apprentice_credits"])
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def assessments_in(data):
    if isinstance(data, dict):
        if "assessment" in data:
            yield data["assessment"]
        for value in data.values():
            yield from assessments_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from assessments_in(value)


def digest(texts) -> str:
    hasher = hashlib.sha256()
    for text in texts:
        hasher.update(text.encode())
        hasher.update(b"\n")
    return hasher.hexdigest()


def people(catalog) -> list[Assessment]:
    """Every role (and none) at several years with and without credentials, then a seeded random
    mix of every other answer."""
    roles = [None, *(r.slug for r in catalog.roles)]
    certs = [c.slug for c in catalog.certifications]
    educations = [None, *(e.slug for e in catalog.educations)]
    tracks = [None, *(t.slug for t in catalog.tracks)]
    bodies = list(dict.fromkeys(c.body for c in catalog.certifications))
    credit_kinds = sorted({k.kind for k in catalog.apprentice_credits})
    terms = [t.term for t in catalog.specialty_terms]
    specialties = ["", "cardiology", "E/M and surgery", "risk adjustment, HCC", "nothing known"]

    found = [
        Assessment(role=role, years=years, certifications=frozenset(held))
        for role, years, held in itertools.product(roles, (0, 2, 6), ((), certs[:1]))
    ]
    rng = random.Random(SEED)
    for _ in range(RANDOM_PEOPLE):
        cycles = tuple(
            CycleAnswer(
                body=body,
                due=rng.choice([None, date(2026, 12, 1), date(2027, 6, 1), date(2030, 1, 1)]),
                ceus_earned=rng.choice([None, 0, 10, 36]),
            )
            for body in rng.sample(bodies, rng.randint(0, len(bodies)))
        )
        found.append(
            Assessment(
                role=rng.choice(roles),
                years=rng.choice([0, 1, 2, 3, 4, 5, 7, 10, 15, 25, 50]),
                certifications=frozenset(rng.sample(certs, rng.choice([0, 0, 1, 1, 2, 3, 5]))),
                education=rng.choice(educations),
                track=rng.choice(tracks),
                accuracy=rng.choice([None, 80, 95, 100]),
                audits=rng.random() < 0.5,
                specialty=rng.choice(specialties + terms),
                cycles=cycles,
                apprentice_credits=frozenset(
                    rng.sample(credit_kinds, rng.randint(0, len(credit_kinds)))
                ),
            )
        )
    return found


def answers(catalog) -> dict:
    """The digests of everything pinned, and how many plans went into the first."""
    plans = [canonical(build_plan(catalog, person, today=TODAY)) for person in people(catalog)]
    role_slugs = [r.slug for r in catalog.roles]
    cert_slugs = [c.slug for c in catalog.certifications]
    comparisons = [canonical(compare_roles(catalog, [slug, *role_slugs])) for slug in role_slugs]
    credentials = [canonical(summary) for summary in compare_credentials(catalog, cert_slugs)]
    bands = [canonical(band) for band in stage_bands(catalog, catalog.stage_wages())]
    return {
        "today": TODAY.isoformat(),
        "plans": len(plans),
        "plans_sha256": digest(plans),
        "role_comparisons_sha256": digest(comparisons),
        "credential_comparisons_sha256": digest(credentials),
        "stage_bands_sha256": digest(bands),
    }


def test_the_plans_are_the_ones_pinned(real_catalog):
    found = answers(real_catalog)
    if os.environ.get("CAREERPATH_REGENERATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        pytest.skip(f"regenerated {GOLDEN.name}: commit it with the change that moved it")
    assert found == json.loads(GOLDEN.read_text(encoding="utf-8")), (
        "The planner's answers changed. If that is deliberate, regenerate tests/golden/plans.json "
        "(CAREERPATH_REGENERATE_GOLDEN=1) and commit it with the change."
    )
