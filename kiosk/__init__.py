"""Offline voice-ordering kiosk for campus canteens."""

__version__ = "0.1.0"
