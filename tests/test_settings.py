"""The one settings file: clear errors for bad environment values, secure in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghijkl",
    "DJANGO_ALLOWED_HOSTS": "careerpath.example.org",
}


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    clean["DJANGO_SQLITE_PATH"] = "/tmp/careerpath-settings-test.sqlite3"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_there_is_no_default_secret_key():
    env = dict(PRODUCTION)
    del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be true or false, not 'maybe'"),
        ("DJANGO_HSTS_SECONDS", "a year", "DJANGO_HSTS_SECONDS must be a whole number"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is not a usable database URL"),
        ("DJANGO_ALLOWED_HOSTS", " , ", "DJANGO_ALLOWED_HOSTS must list at least one value"),
    ],
)
def test_a_bad_value_is_a_clear_improperly_configured(name, value, message):
    result = run_manage("check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_debug_runs_without_any_variable():
    result = run_manage("check", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("raw", "origin"),
    [
        ("", "https://careerpath.example.org"),  # the first allowed host, over https
        ("https://plans.example.org", "https://plans.example.org"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
    ],
)
def test_the_site_origin_is_configured_or_the_first_allowed_host(raw, origin):
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SITE_ORIGIN)",
        DJANGO_SITE_ORIGIN=raw, **PRODUCTION,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == origin


@pytest.mark.parametrize(
    "raw",
    ["careerpath.example.org", "ftp://careerpath.example.org", "https://example.org/plans",
     "https://example.org:99999", "https://example.org:0", "https://user@example.org"],
)  # fmt: skip
def test_a_site_origin_that_is_not_an_origin_is_refused(raw):
    result = run_manage("check", DJANGO_SITE_ORIGIN=raw, **PRODUCTION)
    assert result.returncode != 0
    assert "DJANGO_SITE_ORIGIN must be an origin" in result.stderr
