"""First-boot provisioning (首次配置): the bundle the province issues for one terminal, how a
kiosk checks it and puts it in place, and how the province signs one.

Domain only: no Qt, no sync. `kiosk provision` and the provisioning screen both call
`check.check_bundle` and `apply.apply_bundle`; kiosk/wiring joins them to the audit log.
"""
