"""desktop.ui.base."""
