"""desktop.ui.clinician."""
