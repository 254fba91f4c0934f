"""The PostgreSQL probe of the storage tests: skipped when the server does not answer, a failure
under CI=true."""

from tests.storage.conftest import postgres_url

__all__ = ["postgres_url"]
