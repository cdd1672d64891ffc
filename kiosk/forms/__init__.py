"""Form validation: one definition used by the UI, `kiosk submit` and the platform."""

from kiosk.forms.validation import FieldError, FormResult, validate_form

__all__ = ["FieldError", "FormResult", "validate_form"]
