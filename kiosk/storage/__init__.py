"""Local storage: SQLite through SQLAlchemy 2, schema owned by Alembic migrations."""
