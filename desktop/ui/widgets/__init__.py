"""desktop.ui.widgets."""
