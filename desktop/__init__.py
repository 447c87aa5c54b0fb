"""SupportBack Desktop: an offline app that helps people manage low back pain by being active."""

__version__ = "0.1.0"
