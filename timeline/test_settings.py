"""Settings for the test suite: the real settings with a throwaway key and plain static storage.

The key is random per run, so none is ever committed; DATABASE_URL still picks the database, so
the same suite runs on SQLite and on PostgreSQL.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from timeline.settings import *  # noqa: F403
from timeline.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
