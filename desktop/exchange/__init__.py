"""Data that leaves or enters the app: diary CSV files (and, later, encrypted exports)."""
