"""Form validation: one definition used by the UI, `kiosk submit` and the platform."""

from kiosk.forms.application import (
    Application,
    CheckedApplication,
    MaterialChoice,
    check_application,
)
from kiosk.forms.validation import FieldError, FormResult, validate_fields

__all__ = [
    "Application",
    "CheckedApplication",
    "FieldError",
    "FormResult",
    "MaterialChoice",
    "check_application",
    "validate_fields",
]
