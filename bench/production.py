"""Careerpath served as in production, on loopback, for the benchmark and the audits.

gunicorn with the committed `gunicorn.conf.py` (gthread workers; `-w 2`, no control socket),
DEBUG off, static files collected and served by WhiteNoise, and a throwaway SQLite database
loaded with the shipped catalog. HTTPS redirects are off because the server speaks plain http
on 127.0.0.1.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
CHROMIUM = os.environ.get("CAREERPATH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def production_environment(database: Path) -> dict[str, str]:
    """The variables of a production deployment, pointed at `database`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-only-secret-key-never-used-elsewhere-0123456789abcdefghij",
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SQLITE_PATH=str(database),
        # The benchmark makes its shared plans itself; the limit is for anonymous visitors.
        DJANGO_SHARE_RATE_LIMIT="100000",
    )
    return env


def venv_bin(root: Path) -> Path:
    """The folder of the Python and gunicorn that serve the checkout at `root`: this one's, or
    another checkout's own `.venv` (bench/compare.py serves two side by side)."""
    return VENV_BIN if root == ROOT else root / ".venv" / "bin"


def prepare(database: Path, root: Path = ROOT) -> dict[str, str]:
    """Create and load the database and collect the static files, as a deployment would."""
    env = production_environment(database)
    for command in (
        ["migrate", "--no-input", "--verbosity", "0"],
        ["load_catalog", "--verbosity", "0"],
        ["collectstatic", "--no-input", "--verbosity", "0"],
    ):
        python = venv_bin(root) / "python"
        subprocess.run([str(python), "manage.py", *command], cwd=root, env=env, check=True)
    return env


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int = 2):
    """Run gunicorn until the block ends; yields the base URL once the server answers."""
    with gunicorn_process(env, port, workers) as (url, _):
        yield url


@contextlib.contextmanager
def gunicorn_process(
    env: dict[str, str],
    port: int,
    workers: int = 2,
    log_path: Path | None = None,
    root: Path = ROOT,
):
    """Run gunicorn until the block ends; yields the base URL and the master process once the
    server answers. Its log (Django's warnings, such as the 404 of Lighthouse's /robots.txt)
    goes to `log_path`, or to a temporary file shown only if the server fails to start."""
    command = [
        str(venv_bin(root) / "gunicorn"),
        "careerpath.wsgi",
        "--workers", str(workers),
        "--no-control-socket",
        "--bind", f"{HOST}:{port}",
        "--log-level", "warning",
    ]  # fmt: skip
    url = f"http://{HOST}:{port}"
    with open(log_path, "w+") if log_path else tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(url, server, log)
            yield url, server
        finally:
            server.terminate()
            server.wait(timeout=15)


def wait_until_up(url: str, server: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit(f"gunicorn did not start on {url}:\n{log.read()}") from None
            time.sleep(0.2)


@contextlib.contextmanager
def production_server(port: int):
    """A fresh database, collected static files and gunicorn on it: yields (url, env)."""
    with tempfile.TemporaryDirectory(prefix="careerpath-bench-") as folder:
        env = prepare(Path(folder) / "db.sqlite3")
        with gunicorn(env, port) as url:
            yield url, env
