"""Correcting a case's details from the estimate editor (plate, VIN, insured, claim number,
shop, region, paint type, model). A save refused because someone else changed the case
first keeps the user's values in the dialog, shows what the other person changed (theirs
against the user's) and offers to re-apply them on the newest details or to drop them; a
lost connection or a refused write keeps them too. Nothing is overwritten unseen."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from estimator.domain.case_details import (
    CASE_FIELDS,
    FIELD_NAMES,
    CaseDetailsInvalid,
    Value,
    normalise,
)
from estimator.domain.errors import DomainError
from estimator.gui.conflict import ConflictBar
from estimator.gui.dialogs import CaseFieldsDialog
from estimator.gui.labels import in_language, paint_type_text, shop_class_text
from estimator.gui.operations import OperationRunner, Screen
from estimator.services.case_details import (
    CaseDetails,
    CaseEditConflict,
    CaseUpdate,
    case_details,
    update_case,
)
from estimator.services.connection import DatabaseUnavailable
from estimator.services.users import User
from labor_standards.model import PaintType, ShopClass

if TYPE_CHECKING:
    from estimator.domain.partners import PartnerShop
    from estimator.services.database import Database

#: How a field that was re-applied on the newest details is marked until saved.
REAPPLIED_STYLE = "background: #fff8e1;"


class CaseDetailsDialog(CaseFieldsDialog):
    """Shows a case's details for its assessors to correct; ``saved`` after a save."""

    saved = Signal(object)  # the CaseUpdate

    def __init__(
        self,
        engine: Database,
        case_id: uuid.UUID,
        user: User,
        parent: QWidget | None = None,
        partners: Sequence[PartnerShop] = (),
    ) -> None:
        super().__init__(parent, partners, engine)
        self.engine = engine
        self.case_id = case_id
        self.user = user
        self.result_update: CaseUpdate | None = None
        #: The user's changes a save refused for a conflict, until re-applied or discarded.
        self.refused: dict[str, Value] | None = None
        self.setWindowTitle(self.tr("Case details"))
        self.conflict = ConflictBar()
        self.message = QLabel()
        self.message.setObjectName("case-details-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.form.insertRow(0, self.conflict)
        self.form.addRow(self.message)
        self.form.addRow(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.conflict.reapply.connect(self.reapply_mine)
        # Saving: a lost server or a refused write keeps the changes here, to save again;
        # someone else's save first shows the conflict bar.
        self.runner = OperationRunner(
            Screen(
                self.message.setText,
                storage=self._storage_refused,
                conflict=self._conflicted,
                offline=self._offline,
            ),
            self,
        )
        self.conflict.discard.connect(self.discard_mine)
        self.base = case_details(engine, case_id)
        self._show(self.base)

    # --- showing ------------------------------------------------------------------------

    def _language_zh(self) -> bool:
        return self.locale().name().startswith("zh")

    def _text(self, error: DomainError) -> str:
        return in_language(error)

    def _show(self, details: CaseDetails, mine: Mapping[str, Value] | None = None) -> None:
        """Show ``details`` (with ``mine`` on top, marked), locking what may not change."""
        self.base = details
        self.set_values(details.values)
        widgets = self.field_widgets()
        for widget in widgets.values():
            widget.setStyleSheet("")
        if mine:
            self.set_values(mine)
            for field in mine:
                widgets[field].setStyleSheet(REAPPLIED_STYLE)
        allowed = self.user.username in details.assessors
        for field, widget in widgets.items():
            refusal = details.refusal(field)
            widget.setEnabled(allowed and refusal is None)
            widget.setToolTip("" if refusal is None else self._text(refusal))
        self.save_button.setEnabled(allowed)
        if not allowed:
            self.message.setText(
                self.tr("Only the case's assessors (%1) may change its details.").replace(
                    "%1", ", ".join(details.assessors)
                )
            )

    def changes(self) -> dict[str, Value]:
        """The fields the user changed from the details the edit is based on."""
        return {
            field: value
            for field, value in self.values().items()
            if normalise(field, value) != self.base.values[field]
        }

    # --- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the changed fields; on any refusal the dialog stays open with them."""
        if self.refused is not None:
            self.message.setText(self.tr("First re-apply or discard your refused changes."))
            return False
        mine, base = self.changes(), self.base
        _, update = self.runner.run(
            lambda: self._marking_invalid(
                lambda: update_case(
                    self.engine,
                    self.case_id,
                    mine,
                    base.row_version,
                    self.user,
                    based_on_values=base.values,
                )
            ),
            key="save",
        )
        if update is None:
            return False
        self.result_update = update
        self.saved.emit(update)
        self.accept()
        return True

    def _marking_invalid(self, save: Callable[[], CaseUpdate]) -> CaseUpdate:
        """``save()``; the fields of values it refuses are marked (the refusal goes on)."""
        try:
            return save()
        except CaseDetailsInvalid as invalid:
            widgets = self.field_widgets()
            for problem in invalid.problems:
                if problem.path in widgets:
                    widgets[problem.path].setStyleSheet("background: #ffebee;")
            raise

    def _offline(self) -> None:
        self.message.setText(
            self.tr(
                "The database server cannot be reached. Your changes are kept here: press Save again when the connection is back."
            )
        )

    def _storage_refused(self, error: DomainError) -> None:
        self.message.setText(
            self._text(error)
            + "\n"
            + self.tr(
                "Not saved: your changes are kept here. Press Save again when the problem is fixed."
            )
        )

    def _conflicted(self, error: DomainError) -> None:
        assert isinstance(error, CaseEditConflict)
        self.refused = error.mine
        self.conflict.show_conflict(self._conflict_text(error))
        self.message.setText("")

    def _conflict_text(self, conflict: CaseEditConflict) -> str:
        """What the other person changed, and each of those fields: theirs against mine."""
        zh = self._language_zh()
        rows = []
        for change in conflict.changes:
            name = FIELD_NAMES[change.field][0 if zh else 1]
            theirs = _shown(change.field, change.theirs)
            yours = (
                _shown(change.field, conflict.mine[change.field])
                if change.field in conflict.mine
                else self.tr("(unchanged)")
            )
            rows.append(
                "<li>"
                + self.tr("%1: theirs %2, yours %3")
                .replace("%1", html.escape(name))
                .replace("%2", html.escape(theirs))
                .replace("%3", html.escape(yours))
                + "</li>"
            )
        listed = f"<ul style='margin:0'>{''.join(rows)}</ul>" if rows else ""
        return html.escape(self._text(conflict)) + listed

    def reapply_mine(self) -> None:
        """Load the newest details and put the refused changes back on top, marked, for the
        user to check and save."""
        newest = self._newest() if self.refused is not None else None
        if newest is None or self.refused is None:
            return
        mine, self.refused = self.refused, None
        self.conflict.hide()
        kept = {f: v for f, v in mine.items() if newest.refusal(f) is None}
        self._show(newest, kept)
        dropped = [f for f in CASE_FIELDS if f in mine and f not in kept]
        self.message.setText(
            self.tr(
                "Your changes are re-applied on the newest details (marked): check them and press Save."
            )
            + (
                ""
                if not dropped
                else " "
                + self.tr("No longer changeable, not re-applied: %1").replace(
                    "%1",
                    ", ".join(FIELD_NAMES[f][0 if self._language_zh() else 1] for f in dropped),
                )
            )
        )

    def _newest(self) -> CaseDetails | None:
        """The case's details as they now are (None, said, when the server is away: the
        refused changes stay in the dialog)."""
        try:
            return case_details(self.engine, self.case_id)
        except DatabaseUnavailable:
            self.message.setText(
                self.tr("The database server cannot be reached. Your changes are kept here.")
            )
            return None

    def discard_mine(self) -> None:
        """Drop the refused changes and show the newest details."""
        newest = self._newest()
        if newest is None:
            return
        self.refused = None
        self.conflict.hide()
        self.message.setText("")
        self._show(newest)


def _shown(field: str, value: Value) -> str:
    """A field's value in the interface's words (the choices by name, not by code)."""
    if isinstance(value, bool):
        return "✔" if value else "✘"
    if field == "paint_type" and value in set(PaintType):
        return paint_type_text(PaintType(value))
    if field == "shop_class" and value in set(ShopClass):
        return shop_class_text(ShopClass(value))
    return value or "—"
