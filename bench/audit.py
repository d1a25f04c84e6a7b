"""`make audit`: Lighthouse's four category scores for the main pages, mobile settings.

The app is served as in production (bench/production.py: gunicorn, DEBUG off, static files
collected) on loopback, and Lighthouse 12.8.2 (installed by `make audit` into
.tools/lighthouse/, never into the repository) drives Debian's Chromium against it.
Target: 100 in all four categories on every page.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.production import CHROMIUM, CHROMIUM_ARGS, ROOT, production_server

LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {
    "home": "/",
    "planner with a plan": "/plan/?role=medical-coder-i&years=2&cert=cpc&education=certificate",
    "role": "/roles/senior-medical-coder/",
    "salaries": "/salaries/",
    "career map": "/paths/",
}


def lighthouse(url: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
        ],
        env=env,
        check=True,
        timeout=180,
    )
    return json.loads(report.read_text())


def shortfalls(result: dict, category: str) -> list[str]:
    """The audits that cost a category points, by title."""
    audits = result["audits"]
    return [
        f"{audits[ref['id']]['title']} ({audits[ref['id']].get('displayValue', '')})".replace(
            " ()", ""
        )
        for ref in result["categories"][category]["auditRefs"]
        if ref["weight"]
        and (audits[ref["id"]]["score"] is not None)
        and audits[ref["id"]]["score"] < 1
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8767)
    options = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is missing: `make audit` installs it into .tools/lighthouse/")
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"No Chromium at {CHROMIUM}: apt-get install -y chromium")

    rows, missing = [], []
    with production_server(options.port) as (url, _env), tempfile.TemporaryDirectory() as tmp:
        for name, path in PAGES.items():
            result = lighthouse(url + path, Path(tmp) / "report.json")
            scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
            rows.append((name, path, scores))
            for category, score in scores.items():
                if score < 100:
                    missing += [f"{name} / {category}: {s}" for s in shortfalls(result, category)]

    print("\nLighthouse 12.8.2, mobile settings (default throttling), Chromium " + CHROMIUM)
    print(f"{'page':22} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    for name, path, scores in rows:
        print(f"{name:22} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES) + f"  {path}")
    for line in missing:
        print("  below 100: " + line)
    print("all 100" if not missing else "target (100 everywhere) missed")


if __name__ == "__main__":
    main()
