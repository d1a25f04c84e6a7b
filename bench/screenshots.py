"""`make screenshots`: the first screen of every kind of page at 1280, 375 and 320 px wide.

The app is served as in production (bench/production.py) and Debian's Chromium opens each
page in a fresh context (light colours, no motion); the first screen (800 px tall) of each
goes to docs/screenshots/<page>-<width>.jpg, so a change of the look can be seen in review.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.production import CHROMIUM, CHROMIUM_ARGS, ROOT, production_server

OUT = ROOT / "docs" / "screenshots"
WIDTHS = (1280, 375, 320)
PAGES = {
    "home": "/",
    "planner": "/plan/",
    "plan-coder-ii": "/plan/?role=senior-medical-coder&years=5&cert=cpc&cert=crc"
    "&specialty=risk+adjustment",
    "plan-upkeep": "/plan/?role=medical-coder-i&years=1&cert=cpc&cert=cpma&aapc_due=2027-03"
    "&aapc_ceus=8#upkeep",
    "career-map": "/paths/",
    "career-map-from-a-role": "/paths/?role=medical-coder-i",
    "role": "/roles/senior-medical-coder/",
    "compare-roles": "/compare/?role=medical-coder-i&role=senior-medical-coder",
    "credentials": "/certifications/",
    "credential": "/certifications/cpc/",
    "compare-credentials": "/certifications/compare/?cert=cpc&cert=ccs",
    "salaries": "/salaries/",
    "not-found": "/p/no-such-plan/",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8768)
    options = parser.parse_args()
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"No Chromium at {CHROMIUM}: apt-get install -y chromium")
    OUT.mkdir(exist_ok=True)
    with production_server(options.port) as (url, _env), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, reduced_motion="reduce"
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(url + path)
                page.screenshot(path=OUT / f"{name}-{width}.jpg", type="jpeg", quality=70)
            context.close()
        browser.close()
    print(f"{len(PAGES) * len(WIDTHS)} screenshots in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
