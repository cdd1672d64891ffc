"""The composition root: builds the domain services and the devices from the settings.

Only this package and `kiosk.cli` may import `drivers`, `ui` or `sync`.
"""
