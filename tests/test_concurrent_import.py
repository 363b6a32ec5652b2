"""Two `import_articles` processes on the same folder at once: each source is stored once.

The processes share a temporary SQLite *file* database (whatever database the suite runs on):
what is tested is the pipeline's handling of the unique file hash (check, insert, and the
IntegrityError when another process won the race), and that neither process fails or prints a
traceback while the other holds the write lock.

To make the race certain rather than lucky, the test holds SQLite's write lock while both
processes start: both read "not imported yet" for the first file and queue for the lock; when
the test lets go, one inserts and the other must take the IntegrityError path.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def manage(*args: str, database: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="timeline.test_settings",
        TIMELINE_AUTO_PUBLISH="1",
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=600)
    return process.returncode, stdout, stderr


def migrated(database: Path) -> Path:
    code, _, err = finish(manage("migrate", "--noinput", database=database))
    assert code == 0, err
    return database


def wait_until_open(process: subprocess.Popen, path: Path) -> None:
    """Wait (synchronisation, not an assertion on speed) until the process has the file open."""
    deadline = time.monotonic() + 120
    fds = Path(f"/proc/{process.pid}/fd")
    while time.monotonic() < deadline:
        assert process.poll() is None, finish(process)
        try:
            if any(os.readlink(fd) == str(path) for fd in fds.iterdir()):
                return
        except OSError:
            pass  # a descriptor closed while we looked
        time.sleep(0.05)
    raise AssertionError(f"process {process.pid} never opened {path}")


def test_two_simultaneous_imports_store_each_source_once(tmp_path: Path, seeds_dir: Path):
    database = migrated(tmp_path / "race.sqlite3")
    lock = sqlite3.connect(database, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # the write lock; readers still read (WAL)
    try:
        first = manage("import_articles", str(seeds_dir), "--no-progress", database=database)
        second = manage("import_articles", str(seeds_dir), "--no-progress", database=database)
        for process in (first, second):
            wait_until_open(process, database)
        time.sleep(1)  # both are now queued behind the lock (the busy timeout is 20 s)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    results = [finish(first), finish(second)]

    for code, out, err in results:
        assert code == 0, out + err
        assert "Traceback" not in err, err
        assert "FAILED" not in out, out
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT sha256, COUNT(*) FROM timeline_source GROUP BY sha256").fetchall()
    assert len(rows) == 5
    assert all(count == 1 for _, count in rows)
    lines = [line for _, out, _ in results for line in out.splitlines()]
    imported = [line for line in lines if line.startswith("imported  ")]
    present = [line for line in lines if line.startswith("already present  ")]
    assert (len(imported), len(present)) == (5, 5), lines
