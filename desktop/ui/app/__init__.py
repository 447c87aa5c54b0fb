"""desktop.ui.app."""
