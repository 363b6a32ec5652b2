"""Hypothesis profiles for the fuzz tests; imported by each `tests/test_fuzz_*.py` module.

`make test` runs the "timeline" profile (60 examples per test, a few hundred in all). The
"thorough" profile runs thousands: `HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest
tests/test_fuzz_urls.py`. No example database is written (`database=None`), so nothing appears
in the working tree; a failure prints its falsifying example and a reproduction blob.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # speed is for benchmarks, not for tests
    "database": None,
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,  # the data is built once per test, on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,  # huge strings are the point
    ],
}

settings.register_profile("timeline", max_examples=60, **_COMMON)
settings.register_profile("thorough", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "timeline")
