"""PINs, passphrases, profile locks and the clinic configuration (no Qt here)."""
