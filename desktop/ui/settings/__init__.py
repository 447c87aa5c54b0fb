"""desktop.ui.settings."""
