"""Persistence: opening the database, its migrations, and the reference data it starts with."""

from cpp_scheduler.store.database import (
    Database,
    StoreError,
    default_database_path,
    open_database,
    resolve_url,
)

__all__ = ["Database", "StoreError", "default_database_path", "open_database", "resolve_url"]
