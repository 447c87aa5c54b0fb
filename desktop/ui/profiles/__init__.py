"""desktop.ui.profiles."""
