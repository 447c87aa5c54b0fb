"""Measured activity from a phone or wearable: daily step totals (and walking minutes) read from
the export files those devices make. One module per format; ``detect.read_activity_file`` picks
the right one. No Qt, no database: the store's ``activity_service`` saves what these return.
"""
