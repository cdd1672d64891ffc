"""The touchscreen: PySide6 widgets for the resident's journey. Talks to `kiosk` services and
`drivers` only; never to storage or devices' wire protocols directly."""
