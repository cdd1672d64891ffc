"""One page of the staff console: a widget the console shows when the role holds its verb."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.staff.rights import Role, Verb


class ConsolePage(QWidget):
    """A page names the verb needed to see it and refreshes what it shows when opened. The
    console signs every page in when a PIN opens it and out when it closes, so each act is
    audited under the staff number and nothing of the session stays on a page."""

    verb: Verb = Verb.VIEW_HEALTH

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.body = QVBoxLayout(self)
        self.actor: str | None = None  # the staff number signed in, while the console is open
        self.role: Role | None = None

    def title(self) -> str:
        """The page's name on the console's tab row (translated)."""
        raise NotImplementedError

    def sign_in(self, staff_number: str, role: Role) -> None:
        """Who acts from now on: their number goes in the audit log, their role decides what
        the page offers."""
        self.actor, self.role = staff_number, role

    def sign_out(self) -> None:
        """The console closed: no act is possible and nothing shown is kept."""
        self.actor = self.role = None

    def refresh(self) -> None:
        """Read the state shown again (called each time the page is opened)."""

    def retranslate(self) -> None:
        """Set every text again after the language changed."""
