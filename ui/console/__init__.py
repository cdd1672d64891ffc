"""The staff console on the kiosk itself: health, actions, help requests and configuration."""
