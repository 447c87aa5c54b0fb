"""Plain-Python rules of the programme. Imports nothing from Qt or SQLAlchemy."""
