"""gunicorn's settings, read from the working directory (`gunicorn careerpath.wsgi`).

Forwarded headers are believed only from the proxies a deployment names: X-Forwarded-Proto
(https or not) from the addresses in DJANGO_PROXY_ADDRESSES (comma-separated addresses or
networks; none by default, so no client, loopback included, can claim https). A `SCRIPT_NAME`
header is never believed: a deployment under a path prefix sets DJANGO_FORCE_SCRIPT_NAME, so the
plan's links never depend on what a client sends. docs/deploying.md shows the whole set-up.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))

forwarded_allow_ips = os.environ.get("DJANGO_PROXY_ADDRESSES", "")
# Headers with an underscore (SCRIPT_NAME, PATH_INFO) are dropped from everyone.
forwarder_headers = ""
