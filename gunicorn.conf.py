"""gunicorn's settings, read from the working directory (`gunicorn careerpath.wsgi`).

Workers: gthread, a few processes with a small pool of threads each. A sync worker gives its
one thread to a connection as soon as it is accepted, so two clients that connect and send
nothing stalled the whole site until the worker was killed. A gthread worker gives an idle new
connection a thread for at most 5 s, then parks it with the kept-alive ones, which cost no
thread and are closed after `keepalive` seconds; so a few idle or slow clients take a few threads,
never all of them. The request-line and header limits are gunicorn's defaults (docs/deploying.md);
on the internet a buffering proxy in front (nginx) stays the recommendation.

Forwarded headers are believed only from the proxies a deployment names: X-Forwarded-Proto
(https or not) from the addresses in DJANGO_PROXY_ADDRESSES (comma-separated addresses or
networks; none by default, so no client, loopback included, can claim https). A `SCRIPT_NAME`
header is never believed: a deployment under a path prefix sets DJANGO_FORCE_SCRIPT_NAME, so the
plan's links never depend on what a client sends. docs/deploying.md shows the whole set-up.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Open connections a worker holds at most, kept-alive and parked ones included: a flood of
# connections waits in the listen queue instead of growing a worker without bound.
worker_connections = 200
# A kept-alive or parked connection that sends nothing is closed after this many seconds.
keepalive = 5
# A worker whose main loop stops answering for this long is replaced (its threads may still be
# busy: with gthread the loop keeps beating while requests run).
timeout = 30
graceful_timeout = 30
# No control socket: nothing here uses it, and two servers on one machine would share its path.
control_socket_disable = True

forwarded_allow_ips = os.environ.get("DJANGO_PROXY_ADDRESSES", "")
# Headers with an underscore (SCRIPT_NAME, PATH_INFO) are dropped from everyone.
forwarder_headers = ""
