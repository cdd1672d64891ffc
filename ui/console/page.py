"""One page of the staff console: a widget the console shows when the role holds its verb."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.staff.rights import Verb


class ConsolePage(QWidget):
    """A page names the verb needed to see it and refreshes what it shows when opened."""

    verb: Verb = Verb.VIEW_HEALTH

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.body = QVBoxLayout(self)

    def title(self) -> str:
        """The page's name on the console's tab row (translated)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the state shown again (called each time the page is opened)."""

    def retranslate(self) -> None:
        """Set every text again after the language changed."""
