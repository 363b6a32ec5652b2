"""Load test: gunicorn on loopback, wrk with N concurrent connections over a mixed request set.

`python manage.py loadtest [--connections 64] [--duration 20]` serves the configured database
with production settings (DEBUG off, whitenoise, gunicorn workers) on 127.0.0.1, sends only to
that address, stops by itself after the duration, and prints throughput, p50/p95/p99 and errors.
Needs `wrk` (Debian package `wrk`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline.models import Event, Source

LUA = r"""
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  local path = paths[(i %% #paths) + 1]
  if string.sub(path, 1, 3) == "HX:" then
    return wrk.format("GET", string.sub(path, 4), {["HX-Request"] = "true"})
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%%d duration_us=%%d errors=%%d p50=%%.2f p95=%%.2f p99=%%.2f\n",
    summary.requests, summary.duration, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


class Command(BaseCommand):
    help = "Serve with gunicorn on loopback and load it with wrk (bounded in time)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--connections", type=int, default=64)
        parser.add_argument("--duration", type=int, default=20, help="seconds (max 120)")
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--threads", type=int, default=2, help="wrk threads")

    def handle(self, *args, connections, duration, workers, threads, **options) -> None:
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed: apt-get install -y wrk")
        if not 1 <= duration <= 120 or not 1 <= connections <= 512:
            raise CommandError("--duration must be 1-120 s and --connections 1-512")
        paths = self._paths()
        port = _free_port()
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        env.setdefault("SECRET_KEY", "loadtest-only-" + os.urandom(16).hex())
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        server = subprocess.Popen(
            [
                gunicorn,
                "timeline.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            _wait_for(port)
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                script.write(LUA % ", ".join(f'"{p}"' for p in paths))
            result = subprocess.run(
                [
                    "wrk",
                    "-t",
                    str(threads),
                    "-c",
                    str(connections),
                    "-d",
                    f"{duration}s",
                    "--timeout",
                    "10s",
                    "-s",
                    script.name,
                    f"http://127.0.0.1:{port}",
                ],
                capture_output=True,
                text=True,
                timeout=duration + 60,
            )
            Path(script.name).unlink()
        finally:
            server.terminate()
            server.wait(timeout=20)
        line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT")), None)
        if line is None:
            raise CommandError(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")
        figures = dict(item.split("=") for item in line.split()[1:])
        requests = int(figures["requests"])
        seconds = int(figures["duration_us"]) / 1e6
        self.stdout.write(
            f"{connections} connections, {duration} s, {len(paths)} URLs in rotation, "
            f"{workers} gunicorn workers\n"
            f"requests {requests}, throughput {requests / seconds:.1f} req/s, "
            f"p50 {float(figures['p50']):.1f} ms, p95 {float(figures['p95']):.1f} ms, "
            f"p99 {float(figures['p99']):.1f} ms, errors {figures['errors']}"
        )
        if int(figures["errors"]):
            raise CommandError(f"{figures['errors']} errors under load")

    def _paths(self) -> list[str]:
        events = list(Event.objects.filter(status="published").values_list("slug", flat=True)[:20])
        sources = list(Source.objects.values_list("pk", flat=True)[:20])
        if not events:
            raise CommandError("no published events to load: import some articles first")
        paths = [
            "/",
            "HX:/",
            "/?q=talks",
            "/?from=2023&to=2023",
            "/?type=meeting",
            "/sources/",
            "/static/timeline/site.css",
        ]
        paths += [f"/events/{slug}/" for slug in events[:10]]
        paths += [f"/sources/{pk}/" for pk in sources[:10]]
        return paths


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn did not start")
