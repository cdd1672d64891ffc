"""The kiosk's health at a glance, for hall staff: one line per part of the kiosk, each with
a status (ok / warning / fault), what is wrong in plain words and what to do about it."""

from kiosk.health.report import HealthLine, HealthReport, Status

__all__ = ["HealthLine", "HealthReport", "Status"]
