"""Local storage: SQLAlchemy models, the engine and its pragmas, migrations, backups, services."""
