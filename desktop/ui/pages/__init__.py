"""desktop.ui.pages."""
