"""The no-repeat partial and page of two checkouts side by side (or of this one alone), as ratios
to the floor and as the workers' CPU time per request, for comparing commits on one machine.

    git worktree add ../before <commit>
    cp gunicorn.conf.py ../before/   # the same server settings for both
    (cd ../before && make setup)
    .venv/bin/python bench/compare.py ../before

Each checkout is served at the same time by its own gunicorn, from its own folder, with its own
code, dependencies, database and shipped catalog (`bench/production.py`). The lines are measured
as `make bench` measures them: the assessments of the no-repeat set asked in order, each once,
after a warm-up on others, and each run of a line beside a run of the floor (`balanced_wrk`:
a run during which a worker sat idle is measured again). The two checkouts take turns, round
by round, and which goes first changes each round, so a drift of this machine's speed within
minutes moves both alike: compare the two within one run, not runs of different days.
"""

import argparse
import contextlib
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench import (
    NO_REPEAT,
    WARM_UP,
    Target,
    assessment_paths,
    balanced_wrk,
    production_catalog,
    static_path,
    warm,
)
from bench.production import ROOT, gunicorn_process, prepare

LINES = (("partial (HX-Request)", {"HX-Request": "true"}), ("page", {}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", nargs="?", type=Path, help="another checkout, set up")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=3, help="seconds of each run")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8767)
    options = parser.parse_args()
    roots = [ROOT] + ([options.other.resolve()] if options.other else [])
    connections, seconds = options.connections, options.seconds

    with tempfile.TemporaryDirectory(prefix="careerpath-compare-") as folder:
        env, current = production_catalog(Path(folder))
        paths = [f"/plan/?{q}" for q in assessment_paths(current, NO_REPEAT)]
        warm_up = assessment_paths(current, WARM_UP, seed=31)
        print(f"{options.rounds} rounds of {seconds} s per line and checkout, beside the floor")
        with contextlib.ExitStack() as stack:
            servers = {}
            for number, root in enumerate(roots):
                served = env if root == ROOT else prepare(Path(folder) / f"{number}.db", root)
                port = options.port + number
                servers[root] = stack.enter_context(gunicorn_process(served, port, root=root))
            floors = {root: Target([static_path(root)]) for root in roots}
            for name, headers in LINES:
                targets = {root: Target(paths, headers, ordered=True) for root in roots}
                for root, (url, _) in servers.items():
                    warm(url, targets[root], warm_up, connections)
                rounds = {root: [] for root in roots}
                for number in range(options.rounds):
                    for root in roots if number % 2 == 0 else roots[::-1]:
                        url, server = servers[root]
                        floor = balanced_wrk(url, floors[root], seconds, connections, server.pid)
                        run = balanced_wrk(url, targets[root], seconds, connections, server.pid)
                        rounds[root].append((run["rps"] / floor["rps"], run["worker_cpu_ms"]))
                for root in roots:
                    ratios, cpu = zip(*rounds[root], strict=True)
                    print(
                        f"{root}: no-repeat {name}: {statistics.median(ratios):.3f} of the floor "
                        f"(rounds {min(ratios):.3f}-{max(ratios):.3f}), "
                        f"{statistics.median(cpu):.2f} ms of worker CPU per request",
                        flush=True,
                    )
                if options.other:
                    this, other = (rounds[root] for root in roots)
                    cpu = statistics.median(a[1] / b[1] for a, b in zip(this, other, strict=True))
                    print(f"  this checkout's CPU per request over the other's: {cpu:.3f}")


if __name__ == "__main__":
    main()
