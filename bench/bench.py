"""`make bench`: throughput and latency of the planner against the floor of this stack.

One run, on loopback: gunicorn (sync, -w 2) serves the app as in production and `wrk` loads
it with the planner page, its htmx partial, a shared plan and the JSON API, each in rounds
that alternate with a static file served by the same server (the floor: WhiteNoise, no view,
no template); a ratio is a target's speed over the floor's measured beside it. Each
dynamic request carries another assessment (a wrk Lua script picks from a few hundred), so no
figure comes from one warm answer. Then, in this process: SQL queries per planner request with
the catalog at 1x, 10x and 100x its size, and the bytes and requests of a first visit to /plan/.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.production import CHROMIUM, CHROMIUM_ARGS, ROOT, gunicorn, prepare

ASSESSMENTS = 300
HARD_ASSESSMENTS = 400  # the harder case: more distinct plans, more connections
HARD_CONNECTIONS = 8
ROUNDS = 3  # each target alternates with the floor: this machine's speed drifts within minutes
SHARED_PLANS = 50
TARGET_RATIOS = {
    "planner partial (HX-Request)": 0.25,
    "planner page": 0.15,
    "hard: planner partial": 0.25,
    "hard: planner page": 0.15,
}

WRK_SCRIPT = """
local paths = {%(paths)s}
local headers = {%(headers)s}
request = function()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "errors": %%d, "non2xx": %%d, ' ..
    '"p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string of ASCII is a valid Lua string literal


def assessment_paths(current, count: int, seed: int = 7) -> list[str]:
    """`count` different plan addresses: roles, years, credentials, education and track vary."""
    rng = random.Random(seed)
    roles = [r.slug for r in current.roles] + [""]
    certs = [c.slug for c in current.certifications]
    educations = [e.slug for e in current.educations] + [""]
    tracks = [t.slug for t in current.tracks] + [""]
    seen: set[str] = set()
    while len(seen) < count:
        pairs = [("role", rng.choice(roles)), ("years", str(rng.randint(0, 15)))]
        pairs += [("cert", c) for c in sorted(rng.sample(certs, rng.randint(0, 3)))]
        pairs += [("education", rng.choice(educations)), ("track", rng.choice(tracks))]
        if rng.random() < 0.3:
            pairs += [("accuracy", str(rng.randint(85, 99))), ("audits", "on")]
        seen.add(urlencode([(k, v) for k, v in pairs if v]))
    return sorted(seen)


def shared_plan_paths(current, queries: list[str]) -> list[str]:
    """Shared plans made through the same code as "Create short link"."""
    from django.http import QueryDict
    from django.test import RequestFactory

    from careerpath import planner
    from careerpath.forms import AssessmentForm, assessment_query
    from careerpath.sharing import create_shared_plan

    paths = []
    for query in queries:
        form = AssessmentForm(QueryDict(query), catalog=current)
        assert form.is_valid(), form.errors
        result = planner.build_plan(current, form.assessment())
        request = RequestFactory().post("/plan/share/", REMOTE_ADDR="127.0.0.1")
        shared = create_shared_plan(request, result, assessment_query(result.assessment))
        paths.append(f"/p/{shared.token}/")
    return paths


def static_path() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["careerpath/site.css"]


def check(url: str, path: str, headers: dict, expect: bytes) -> None:
    request = urllib.request.Request(url + path, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    if response.status != 200 or expect not in body:
        raise SystemExit(f"{path}: status {response.status}, {expect!r} not in the answer")


def wrk(url: str, paths: list[str], headers: dict, seconds: int, connections: int) -> dict:
    script = WRK_SCRIPT % {
        "paths": ", ".join(lua_string(p) for p in paths),
        "headers": ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t",
                "1",
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--timeout",
                "5s",
                "-s",
                file.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
    finally:
        os.unlink(file.name)
    result = json.loads(output.strip().splitlines()[-1])
    if result["errors"] or result["non2xx"]:
        raise SystemExit(f"wrk saw errors: {result}")
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def combined(runs: list[dict]) -> dict:
    """Several wrk runs of one target as one: requests per second over their whole time, the
    median of their medians and the worst of their 99th percentiles."""
    requests = sum(r["requests"] for r in runs)
    duration = sum(r["duration_us"] for r in runs)
    return {
        "requests": requests,
        "duration_us": duration,
        "rps": requests / (duration / 1e6),
        "p50_us": statistics.median(r["p50_us"] for r in runs),
        "p99_us": max(r["p99_us"] for r in runs),
    }


def first_visit(url: str) -> dict:
    """A fresh browser opens /plan/: every request and its bytes on the wire (headers and
    body as sent, so compressed where the server compressed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url + "/plan/", wait_until="networkidle")
        rows = []
        for request in finished:
            sizes = request.sizes()
            response = request.response()
            rows.append(
                {
                    "url": request.url.removeprefix(url),
                    "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                    "encoding": (response.headers.get("content-encoding") or "none"),
                }
            )
        browser.close()
    return {"requests": len(rows), "bytes": sum(r["bytes"] for r in rows), "rows": rows}


def grow_catalog(scale: int, base_roles, base_certs) -> None:
    """Add synthetic roles and credentials until the catalog is `scale` times its size; each
    synthetic role requires one synthetic credential."""
    from careerpath import catalog
    from certifications.models import Certification
    from stages.models import Role, RoleRequirement

    have = Role.objects.count() // len(base_roles)
    for copy in range(have, scale):
        certs = Certification.objects.bulk_create(
            Certification(
                slug=f"{c.slug}-x{copy}",
                acronym=f"{c.acronym[:12]}-{copy}",
                name=f"{c.name} {copy}",
                body_id=c.body_id,
                order=c.order,
            )
            for c in base_certs
        )
        roles = Role.objects.bulk_create(
            Role(
                slug=f"{r.slug}-x{copy}",
                title=f"{r.title} {copy}",
                stage_id=r.stage_id,
                track_id=r.track_id,
                summary=r.summary,
                min_years=r.min_years,
                education_id=r.education_id,
                wage_occupation_id=r.wage_occupation_id,
                pay_percentile_low=r.pay_percentile_low,
                pay_percentile_high=r.pay_percentile_high,
                order=r.order,
            )
            for r in base_roles
        )
        requirements = RoleRequirement.objects.bulk_create(
            RoleRequirement(role=role, position=1, kind="required") for role in roles
        )
        through = RoleRequirement.certifications.through
        through.objects.bulk_create(
            through(rolerequirement_id=q.pk, certification_id=certs[i % len(certs)].pk)
            for i, q in enumerate(requirements)
        )
    catalog.bump()  # what any admin save does


def queries_per_request(paths: list[str], scales=(1, 10, 100)) -> list[dict]:
    """Queries of planner requests (page and partial) once the catalog is held, with the
    version stamp checked on every request (the worst case: by default once per 2 s)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from certifications.models import Certification
    from stages.models import Role

    setup_test_environment()
    settings.CATALOG_CACHE_SECONDS = 0
    base_roles, base_certs = list(Role.objects.all()), list(Certification.objects.all())
    client = Client()
    rows = []
    for scale in scales:
        grow_catalog(scale, base_roles, base_certs)
        with CaptureQueriesContext(connection) as reload:
            started = time.perf_counter()
            client.get("/plan/?" + paths[0])
            reload_ms = (time.perf_counter() - started) * 1000
        counts, sql, times, sizes = [], set(), [], []
        for i, query in enumerate(paths[:60]):
            headers = {"HX-Request": "true"} if i % 2 else {}
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/plan/?" + query, headers=headers)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            sizes.append(len(response.content))
            counts.append(len(captured))
            sql.update(q["sql"] for q in captured.captured_queries)
        rows.append(
            {
                "scale": scale,
                "roles": Role.objects.count(),
                "credentials": Certification.objects.count(),
                "max_queries": max(counts),
                "mean_queries": statistics.mean(counts),
                "sql": sorted(sql),
                "median_ms": statistics.median(times),
                "page_kb": max(sizes) / 1024,
                "reload_queries": len(reload),
                "reload_ms": reload_ms,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per target")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8766)
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench does it)")

    with tempfile.TemporaryDirectory(prefix="careerpath-bench-") as folder:
        env = prepare(Path(folder) / "db.sqlite3")
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
        import django

        django.setup()
        from careerpath import catalog

        current = catalog.current()
        queries = assessment_paths(current, ASSESSMENTS)
        hard = assessment_paths(current, HARD_ASSESSMENTS, seed=11)
        shared = shared_plan_paths(current, queries[:SHARED_PLANS])
        usual, harder = options.connections, HARD_CONNECTIONS
        partial = {"HX-Request": "true"}
        targets = {
            "static file (floor)": ([static_path()], {}, b"--accent", usual),
            "planner page": ([f"/plan/?{q}" for q in queries], {}, b"<html", usual),
            "planner partial (HX-Request)": (
                [f"/plan/?{q}" for q in queries],
                partial,
                b'id="plan-result"',
                usual,
            ),
            "shared plan": (shared, {}, b"A shared career plan", usual),
            "JSON API": ([f"/api/plan/?{q}" for q in queries], {}, b'"next_roles"', usual),
            "hard: planner page": ([f"/plan/?{q}" for q in hard], {}, b"<html", harder),
            "hard: planner partial": (
                [f"/plan/?{q}" for q in hard],
                partial,
                b'id="plan-result"',
                harder,
            ),
        }

        measured, ratios, floors = {}, {}, []
        floor_paths, _, _, floor_connections = targets["static file (floor)"]
        segment = max(1, round(options.seconds / ROUNDS))
        with gunicorn(env, options.port) as url:
            check(url, floor_paths[0], {}, targets.pop("static file (floor)")[2])
            for name, (paths, headers, expect, connections) in targets.items():
                check(url, paths[0], headers, expect)
                wrk(url, paths, headers, 2, connections)  # warm-up: every worker's catalog
                # Rounds of the floor, then the target, each `segment` seconds: the ratio is
                # the target's requests over the floor's measured beside it, so a drift of the
                # machine's speed during the run moves both.
                runs, beside = [], []
                for _ in range(ROUNDS):
                    beside.append(wrk(url, floor_paths, {}, segment, floor_connections))
                    runs.append(wrk(url, paths, headers, segment, connections))
                floors += beside
                measured[name] = combined(runs)
                ratios[name] = measured[name]["rps"] / combined(beside)["rps"]
            visit = first_visit(url) if Path(CHROMIUM).is_file() else None
        scaling = queries_per_request(queries)

    floor = combined(floors)
    results = {"static file (floor)": floor | {"rps": statistics.median(r["rps"] for r in floors)}}
    results |= measured
    ratios["static file (floor)"] = 1.0
    print(
        f"\nwrk, {ROUNDS} x {segment} s per target, each beside {ROUNDS} x {segment} s of the "
        f"floor (its median shown), {options.connections} connections, "
        f"gunicorn -w 2 (sync), {os.cpu_count()} cores; "
        f"{ASSESSMENTS} assessments, {SHARED_PLANS} shared plans; "
        f"hard: {HARD_ASSESSMENTS} assessments at {HARD_CONNECTIONS} connections"
    )
    print(f"{'target':32} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7}  target")
    for name, r in results.items():
        goal = TARGET_RATIOS.get(name)
        ratio = ratios[name]
        verdict = "" if goal is None else f">= {goal}: {'met' if ratio >= goal else 'MISSED'}"
        print(
            f"{name:32} {r['rps']:8.0f} {ratio:6.2f} {r['p50_us'] / 1000:7.2f} "
            f"{r['p99_us'] / 1000:7.2f}  {verdict}"
        )
    print("\nSQL per planner request once the catalog is held (stamp checked on every request):")
    for row in scaling:
        print(
            f"  {row['scale']:>3}x ({row['roles']} roles, {row['credentials']} credentials): "
            f"max {row['max_queries']}, mean {row['mean_queries']:.2f} queries; "
            f"median {row['median_ms']:.1f} ms in-process; page up to {row['page_kb']:.0f} KB; "
            f"reload after a change: {row['reload_queries']} queries, "
            f"{row['reload_ms']:.0f} ms"
        )
    for statement in sorted({s for row in scaling for s in row["sql"]}):
        print(f"  query: {statement}")
    if visit is None:
        print(f"\nFirst visit to /plan/: not measured, no Chromium at {CHROMIUM}")
        return
    print(
        f"\nFirst visit to /plan/: {visit['bytes'] / 1024:.1f} KB on the wire in "
        f"{visit['requests']} requests (target <= 40 KB in <= 6)"
    )
    for row in visit["rows"]:
        print(f"  {row['bytes'] / 1024:6.1f} KB  {row['encoding']:5}  {row['url'][:80]}")


if __name__ == "__main__":
    main()
