"""Loads and validates the content in resources/ (text, exercises, programme data)."""
