"""The no-repeat partial and page of one checkout, as ratios to the floor: the two planner lines
of `make bench` alone, in short runs, for comparing commits on one machine.

    git worktree add ../before <commit>
    cp -r bench gunicorn.conf.py ../before/   # the same bench and server settings for both
    (cd ../before && make setup && .venv/bin/python bench/compare.py)
    .venv/bin/python bench/compare.py

Each checkout is served from its own folder, with its own code, dependencies and shipped
catalog (`bench/production.py`), and measured as `make bench` measures: wrk's runs alternate
with the floor's, a run during which a worker sat idle is measured again, and the assessments
are asked in order after a warm-up on others, each once. Run the two one after the other, with
nothing else running: this machine's speed drifts within minutes.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench import (
    NO_REPEAT,
    WARM_UP,
    Target,
    assessment_paths,
    beside_floor,
    combined,
    production_catalog,
    static_path,
)
from bench.production import ROOT, gunicorn_process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=3, help="seconds of each run")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8767)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="careerpath-compare-") as folder:
        env, current = production_catalog(Path(folder))
        paths = [f"/plan/?{q}" for q in assessment_paths(current, NO_REPEAT)]
        warm_up = assessment_paths(current, WARM_UP, seed=31)
        print(f"{ROOT}: {options.rounds} x {options.seconds} s per line beside the floor")
        with gunicorn_process(env, options.port) as (url, server):
            floor = Target([static_path()])
            for name, headers in (("partial (HX-Request)", {"HX-Request": "true"}), ("page", {})):
                runs, beside = beside_floor(
                    url,
                    Target(paths, headers, ordered=True),
                    floor,
                    warm_up,
                    options.seconds,
                    options.connections,
                    server.pid,
                    rounds=options.rounds,
                )
                rate, floor_rate = combined(runs)["rps"], combined(beside)["rps"]
                print(
                    f"no-repeat {name}: {rate:.0f} req/s beside a floor of {floor_rate:.0f}: "
                    f"{rate / floor_rate:.3f} of the floor",
                    flush=True,
                )


if __name__ == "__main__":
    main()
