"""Settings come from the environment; production refuses to start without a secret key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    unwanted = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "timeline.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_start_without_secret_key_fails_clearly() -> None:
    result = run_manage("check")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_secret_key_file_is_read(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("k" * 60, encoding="utf-8")

    result = run_manage("check", DEBUG="1", SECRET_KEY_FILE=str(key_file))

    assert result.returncode == 0, result.stderr


def test_unreadable_secret_key_file_names_the_file(tmp_path: Path) -> None:
    result = run_manage("check", DEBUG="1", SECRET_KEY_FILE=str(tmp_path / "absent"))

    assert result.returncode != 0
    assert "absent" in result.stderr


def test_a_bad_boolean_is_named() -> None:
    result = run_manage("check", DEBUG="maybe", SECRET_KEY="x" * 60)

    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-production-like-key-" + "x" * 50 + "-with-enough-variety-0123456789",
        ALLOWED_HOSTS="timeline.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
