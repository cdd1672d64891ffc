"""What the staff console does, without a screen: device tests, reprints, sync now, retries,
out of service, restart and reboot; each act returns a small outcome in plain words."""
