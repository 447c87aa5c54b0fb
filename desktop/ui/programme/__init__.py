"""desktop.ui.programme."""
