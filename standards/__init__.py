"""Pure implementations of public standards that both the drivers and the kiosk domain use.

Nothing here imports another package of this project, so any layer may depend on it.
"""
