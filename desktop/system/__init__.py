"""The computer's own services: its scheduler (a reminder when the app is closed) and notifications.

Beside ``exchange`` in the layers: no Qt, nothing from ``desktop.ui``.
"""
