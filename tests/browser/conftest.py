"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright cannot download its own browser here, so the tests launch the system `chromium`
(`CAREERPATH_CHROMIUM`, default /usr/bin/chromium). Without it they are left out of the run,
which ends with one line saying so and how to enable them, unless CAREERPATH_REQUIRE_BROWSER=1
(CI sets it): then a missing browser fails them.
"""

import os
import shutil
from pathlib import Path

import pytest

from bench.production import CHROMIUM, CHROMIUM_ARGS  # one list of the flags, for tests and bench

HOW_TO_RUN = "apt-get install -y chromium (or set CAREERPATH_CHROMIUM) to run them"
HERE = Path(__file__).resolve().parent
_left_out = []

# Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses
# database calls from a thread with a running loop. The test code's own queries (fixtures,
# force_login, reading rows back) are plain synchronous code, so the guard is lifted here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() or shutil.which(CHROMIUM) is not None


def browser_required() -> bool:
    return os.environ.get("CAREERPATH_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config, items):
    """Without Chromium the browser tests are left out of the run, and the run says so in one
    line (see below), unless CI requires them: then each of them fails."""
    if chromium_available() or browser_required():
        return
    _left_out[:] = [item for item in items if HERE in Path(item.path).parents]
    if _left_out:
        items[:] = [item for item in items if HERE not in Path(item.path).parents]
        config.hook.pytest_deselected(items=_left_out)


def pytest_terminal_summary(terminalreporter):
    if _left_out:
        terminalreporter.write_line(
            f"{len(_left_out)} browser tests (tests/browser/) skipped: no Chromium at {CHROMIUM}; "
            + HOW_TO_RUN
        )


@pytest.fixture(scope="session", autouse=True)
def chromium_required():
    """Fails every browser test when CI requires a browser that is not there (without the
    requirement they were left out at collection)."""
    if not chromium_available():
        pytest.fail(f"CAREERPATH_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, with static files served as in production: by WhiteNoise,
    from the collected STATIC_ROOT (`make test` runs collectstatic). The default handler serves
    them through the finders, which do not know the hashed names a DEBUG-off page links to."""
    from django.conf import settings
    from django.core.management import call_command
    from pytest_django.live_server_helper import LiveServer

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").is_file():
        call_command("collectstatic", interactive=False, verbosity=0)
    server = LiveServer("127.0.0.1", start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    # The site's configured origin (DJANGO_SITE_ORIGIN) is where the live server listens, as a
    # deployment names its own: printed and calendar addresses are written with it.
    origin, settings.SITE_ORIGIN = settings.SITE_ORIGIN, server.url
    yield server
    settings.SITE_ORIGIN = origin
    server.stop()


@pytest.fixture(scope="session")
def base_url(live_server):
    """Pages are opened by path (`page.goto("/plan/")`) on the live server."""
    return live_server.url


class BrowserProblems:
    """Console errors, uncaught exceptions and Content-Security-Policy violations of a test's
    pages. Every browser test ends with none (checked when its contexts close)."""

    # Reports the violation event to Python; init scripts run outside the page's CSP.
    REPORT_CSP = """
      document.addEventListener("securitypolicyviolation", (e) =>
        window.reportCspViolation(`${e.violatedDirective}: ${e.blockedURI} (${e.documentURI})`)
      );
    """

    def __init__(self):
        self.found: list[str] = []
        self.expected_statuses: set[int] = set()

    def watch(self, context):
        context.expose_function(
            "reportCspViolation", lambda text: self.found.append(f"CSP: {text}")
        )
        context.add_init_script(self.REPORT_CSP)
        context.on("console", self.on_console)
        context.on("weberror", lambda error: self.found.append(f"uncaught: {error.error}"))

    def on_console(self, message):
        if message.type != "error":
            return
        # Chromium logs every 4xx/5xx answer as a console error, and htmx each failed request of
        # its own; a test that meets an error on purpose says which status it expects.
        if any(
            f"status of {s} " in message.text or f"Response Status Error Code {s} " in message.text
            for s in self.expected_statuses
        ):
            return
        self.found.append(f"console: {message.text} ({message.location.get('url')})")

    def expect_status(self, status: int):
        self.expected_statuses.add(status)


@pytest.fixture
def browser_problems():
    return BrowserProblems()


@pytest.fixture
def new_context(new_context, browser_problems):
    """pytest-playwright's contexts, each watched for console errors and CSP violations."""

    def watched_context(**kwargs):
        context = new_context(**kwargs)
        browser_problems.watch(context)
        return context

    yield watched_context
    assert browser_problems.found == [], "\n".join(browser_problems.found)


@pytest.fixture
def plain_http_cookies(settings):
    """The live server speaks plain http, and Secure cookies (production settings) would not be
    sent back over it: the CSRF and session cookies are made non-Secure for these tests only."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def staff_context(new_context, live_server, django_user_model, plain_http_cookies):
    """A browser context signed in as a fresh superuser, through a session cookie made the way
    Django's test client's force_login makes one (no login form: axes throttles those)."""
    from django.test import Client

    user = django_user_model.objects.create_superuser(
        "browser-staff", "browser-staff@example.org", "pw-unused-1"
    )
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    context = new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": session, "url": live_server.url, "httpOnly": True}]
    )
    return context
