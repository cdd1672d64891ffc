"""Software updates of the whole system: A/B slots under RAUC, committed only when healthy.

An update is a signed RAUC bundle holding one slot's root filesystem. It is written to the
slot not booted, booted once, and kept only if that boot is healthy (kiosk.health.healthy);
otherwise the slot is marked bad and the other one boots again. The data partition (queue,
keys, backups, and /etc/kiosk) is no slot, so no update ever writes to it.
"""
