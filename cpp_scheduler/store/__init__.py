"""Persistence: opening the database, its migrations, and the reference data it starts with."""

from cpp_scheduler.store.database import (
    DEFAULT_TIMEOUT,
    Database,
    database_exists,
    default_database_path,
    missing_program,
    open_database,
    resolve_url,
)
from cpp_scheduler.store.errors import (
    ConcurrentEditError,
    ConnectionLostError,
    ConstraintError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    DuplicateValueError,
    MissingReferenceError,
    NotADatabaseError,
    PermissionDeniedError,
    ReadOnlyDatabaseError,
    SaveLostError,
    ServerUnavailableError,
    StoreError,
)
from cpp_scheduler.store.migrations import SchemaError

__all__ = [
    "DEFAULT_TIMEOUT",
    "ConcurrentEditError",
    "ConnectionLostError",
    "ConstraintError",
    "DamagedDatabaseError",
    "Database",
    "DatabaseLockedError",
    "DiskFullError",
    "DuplicateValueError",
    "MissingReferenceError",
    "NotADatabaseError",
    "PermissionDeniedError",
    "ReadOnlyDatabaseError",
    "SaveLostError",
    "SchemaError",
    "ServerUnavailableError",
    "StoreError",
    "database_exists",
    "default_database_path",
    "missing_program",
    "open_database",
    "resolve_url",
]
