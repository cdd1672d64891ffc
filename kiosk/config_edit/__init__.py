"""Changing the kiosk's settings file from the console and from `kiosk config`: which settings
there are (read from the settings model's own declaration), a change validated by that model
and written atomically, every change audited, and the live ones handed to the running app."""
