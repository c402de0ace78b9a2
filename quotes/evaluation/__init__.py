"""Scoring against annotated news: quote matching, speaker identity and the
confidence calibration."""
