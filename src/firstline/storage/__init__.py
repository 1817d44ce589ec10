"""Repository implementations: SQLite (embedded default) and PostgreSQL, via SQLAlchemy."""
