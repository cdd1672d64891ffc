"""Hall staff and technicians at the kiosk: who may do what (rights), PINs and access."""
