"""The `kiosk` command line: the entry point that wires the parts together."""
