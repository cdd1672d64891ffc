"""What the resident's screens reach in the world, and nothing more. The composition root
builds this from the kiosk's services (see `kiosk run`); ui/ never sees the services bag."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog.holder import CatalogHolder
from kiosk.config import TerminalSettings, UiSettings
from kiosk.config_edit.holder import SettingsHolder
from kiosk.help_requests import HelpCall, HelpDesk
from kiosk.i18n import Message
from kiosk.printing import DocumentPrinter
from kiosk.ratings import InvalidRating, Rating, RatingStore, Satisfaction
from kiosk.submissions.progress import ProgressLookup
from kiosk.submissions.service import SubmissionService


@dataclass(frozen=True)
class Collaborators:
    catalogs: CatalogHolder
    submissions: SubmissionService
    progress: ProgressLookup
    printer: DocumentPrinter
    ratings: RatingStore
    help_desk: HelpDesk
    ui: UiSettings
    terminal: TerminalSettings
    live_settings: SettingsHolder  # the settings in force, changed live from the console

    def record_rating(
        self, cases: tuple[str, ...], level: Satisfaction, reasons: tuple[str, ...]
    ) -> Message | None:
        """Keep the resident's rating (好差评) of these cases; why not, if it is refused."""
        try:
            self.ratings.record(Rating(cases, level, reasons))
        except InvalidRating as exc:
            return exc.message
        return None

    def call_staff(self, screen: str) -> HelpCall:
        """A resident on `screen` (its object name) asks for staff (帮办); a commit, so call
        it off the GUI thread."""
        return self.help_desk.call(screen)
