"""desktop.ui.charts."""
