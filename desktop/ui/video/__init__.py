"""desktop.ui.video."""
