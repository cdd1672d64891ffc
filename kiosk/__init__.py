"""The kiosk's domain (catalog, forms, submissions, storage, config) and its composition root.

Domain modules here import nothing from `ui`, `drivers` or `sync`; only `kiosk.cli` and
`kiosk.wiring` put the parts together.
"""
