"""With REDIS_URL set, the cache and the catalog's change notice are shared between processes."""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from careerpath import catalog as catalog_module
from careerpath.catalog import STAMP_CACHE_KEY

REDIS_URL = os.environ.get("CAREERPATH_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def shared_cache(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL} in CI")
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"careerpath-test-{uuid.uuid4().hex[:8]}"
    settings.REDIS_URL = REDIS_URL
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    caches["default"].clear()
    # A cache client of its own, on its own connection: what another process or host holds.
    yield RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}), STAMP_CACHE_KEY
    caches["default"].clear()


@pytest.mark.django_db
def test_a_catalog_change_is_published_to_every_process(
    shared_cache, catalog, django_capture_on_commit_callbacks
):
    another_process, key = shared_cache
    with django_capture_on_commit_callbacks(execute=True):
        catalog_module.bump()
    published = another_process.get(key)
    assert published and published == catalog_module.CatalogVersion.objects.get(pk=1).value


@pytest.mark.django_db
def test_a_change_made_on_another_host_is_seen_here(shared_cache, catalog, client):
    another_process, key = shared_cache
    before = client.get("/api/plan/?role=medical-coder-i").json()
    assert before["catalog_version"] == catalog_module.stamp()
    another_process.set(key, "changed-elsewhere")  # what a bump on another host leaves
    after = client.get("/api/plan/?role=medical-coder-i").json()
    assert after["catalog_version"] == "changed-elsewhere"
