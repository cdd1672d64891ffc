"""How the touchscreen app is started again: it exits with RESTART_EXIT_CODE and systemd
(packaging/systemd/kiosk.service, Restart=always) starts it again at once. Only 78, the exit of
a configuration error, is kept from restarting, so this code must differ from it."""

RESTART_EXIT_CODE = 75  # sysexits EX_TEMPFAIL: "try again", which a restart does
