"""The kiosk's screen (Kivy): a thin view over :mod:`kiosk.session`.

Importing this package imports nothing heavy; :mod:`kiosk.ui.app` pulls in Kivy.
"""
