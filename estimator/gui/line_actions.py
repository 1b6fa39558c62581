"""What each operation key adds to the estimate (editor-ux.md §3), the entry dialogs of the
typed-in kinds, the salvage, and the repair-or-replace advice with the action applying it.

Every change is one undoable, saved step of the editor's undo stack."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.workflow import is_editable
from estimator.gui.commands import LinesState, SetLinesCommand, SetSalvageCommand
from estimator.gui.finder import ENTERED_KEYS, operation_key
from estimator.gui.line_entry import EntryDialog, EntryForms
from estimator.services.catalog import search_parts
from estimator.services.estimates import repair_or_replace_advice
from estimator.services.guarantee import agreed_price_type
from estimator.services.labor import NoLaborStandard, current_standard
from labor_standards.model import LaborStandard, Operation
from parts_catalog.model import PartMatch

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor

#: Operation keys that add one labor line of the found part's component.
LABOR_KEYS = {
    "C": Operation.RI,
    "1": Operation.REPAIR_LIGHT,
    "2": Operation.REPAIR_MEDIUM,
    "3": Operation.REPAIR_HEAVY,
    "J": Operation.MECH,
    "D": Operation.ELEC,
}


class LineActions(QObject):
    """Runs the operation keys on the editor's open estimate."""

    def __init__(self, editor: EstimateEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.forms = EntryForms()
        #: The entry dialog open now (one at a time), for tests and the focus.
        self.dialog: EntryDialog | None = None

    # --- keys on the lines ----------------------------------------------------------------

    def focus_lines(self) -> None:
        """Move the keyboard to the lines (Ctrl+↓ from the search), on the current line."""
        table = self.editor.table
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not table.currentIndex().isValid() and self.editor.lines.rowCount():
            table.selectRow(self.editor.lines.rowCount() - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the lines: Esc or Ctrl+F back to the search, F/W/S/Z/N add, A applies advice."""
        if watched is self.editor.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_F and control):
                self.editor.finder.focus_search()
                return True
            picked = operation_key(event)
            if picked in ENTERED_KEYS:
                self.run(picked)
                return True
            if key == Qt.Key.Key_A and not control:
                self.editor.apply_advice()
                return True
        return super().eventFilter(watched, event)

    # --- dispatch ----------------------------------------------------------------------

    def run(self, key: str) -> None:
        """Do what an operation key picks, on the selected search result where it needs one."""
        editor = self.editor
        editor.finder.note.clear()
        if editor.stored is None or not is_editable(editor.stored.status):
            return
        if key not in editor.finder.offered:  # a property item: free lines only
            self.say(self.tr("This loss object takes material, sublet and towing lines only."))
            return
        entered: dict[str, Callable[[], None]] = {
            "F": self.material,
            "W": lambda: self.amount_line(towing=False),
            "S": lambda: self.amount_line(towing=True),
            "Z": self.salvage,
            "N": self.free_part,
        }
        if key in entered:
            entered[key]()
            return
        match = editor.finder.selected_match()
        if match is None:
            self.say(self.tr("First find and select a part; then press its operation key."))
            return
        if key == "H":
            self.part(match, with_labor=True)
        elif key == "B":
            self.part(match, with_labor=False)
        elif key == "P":
            self.paint(match)
        elif key in LABOR_KEYS:
            self.labor(match, LABOR_KEYS[key])

    def say(self, text: str) -> None:
        """Why a key did nothing, in place (beside the results)."""
        self.editor.finder.note.setText(text)

    def add(self, new: list[EstimateLine], text: str) -> None:
        """Add lines as one undoable step; the search box is ready for the next part."""
        before = self.editor.state()
        after = LinesState((*before.lines, *new), (*before.keys, *([None] * len(new))))
        self.editor.undo_stack.push(SetLinesCommand(self.editor, before, after, text))
        self.editor.finder.focus_search()

    def _standard(self) -> LaborStandard | None:
        try:
            return current_standard(self.editor.engine)
        except NoLaborStandard:
            self.say(self.tr("No labor standard is loaded: labor and paint cannot be priced."))
            return None

    def _paint_line(self, component: str, standard: LaborStandard) -> list[EstimateLine]:
        """The paint of a component when the standard has its panels and it is not painted yet."""
        if standard.panels(component) is None:
            return []
        painted = any(
            line.kind is LineKind.PAINT and line.component_code == component
            for line in self.editor.state().lines
        )
        return [] if painted else [EstimateLine(LineKind.PAINT, component_code=component)]

    # --- parts, labor, paint -----------------------------------------------------------

    def part(self, match: PartMatch, *, with_labor: bool) -> None:
        """The part (priced as agreed at a partner shop) and, as replace, its replace labor and
        the paint of its component from the standard."""
        assert self.editor.stored is not None
        e = self.editor.stored.estimate
        agreed = (
            agreed_price_type(self.editor.engine, e.shop_name, match.category)
            if e.partner
            else None
        )
        new = [
            EstimateLine(
                LineKind.PART,
                part_no=match.part_no,
                price_type=agreed if agreed is not e.price_type else None,
            )
        ]
        if with_labor and match.component_code:
            standard = self._standard()
            if standard is not None and self._has_time(standard, match, Operation.REPLACE):
                new.append(
                    EstimateLine(
                        LineKind.LABOR,
                        component_code=match.component_code,
                        operation=Operation.REPLACE,
                    )
                )
            if standard is not None:
                new += self._paint_line(match.component_code, standard)
        self.add(new, self.tr("Add %1").replace("%1", match.name_zh))

    def _has_time(self, standard: LaborStandard, match: PartMatch, operation: Operation) -> bool:
        assert self.editor.stored is not None
        vehicle_class = self.editor.stored.estimate.vehicle_class
        return standard.labor_time(match.component_code, operation, vehicle_class) is not None

    def labor(self, match: PartMatch, operation: Operation) -> None:
        """A labor line of the part's component; a repair also paints it (a repaired panel is
        painted) when the standard has its panels."""
        if not match.component_code:
            self.say(
                self.tr("%1 has no component in the catalog: labor keys do not apply.").replace(
                    "%1", match.name_zh
                )
            )
            return
        standard = self._standard()
        if standard is None:
            return
        name = standard.component_name(match.component_code)
        if not self._has_time(standard, match, operation):
            self.say(
                self.tr("The labor standard has no %1 hours for %2.")
                .replace("%1", operation.label_zh)
                .replace("%2", name)
            )
            return
        new = [
            EstimateLine(LineKind.LABOR, component_code=match.component_code, operation=operation)
        ]
        if operation.is_repair:
            new += self._paint_line(match.component_code, standard)
        self.add(new, f"{name} {operation.label_zh}")

    def paint(self, match: PartMatch) -> None:
        """Paint only: the component's paint line, panels from the standard."""
        standard = self._standard()
        if standard is None:
            return
        if not match.component_code or standard.panels(match.component_code) is None:
            self.say(
                self.tr("The labor standard has no paint panels for %1.").replace(
                    "%1", match.name_zh
                )
            )
            return
        name = standard.component_name(match.component_code)
        self.add(
            [EstimateLine(LineKind.PAINT, component_code=match.component_code)],
            self.tr("Paint %1").replace("%1", name),
        )

    # --- typed-in lines and the salvage ------------------------------------------------

    def _ask(self, dialog: EntryDialog, done: Callable[[dict[str, object]], None]) -> None:
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            if result == EntryDialog.DialogCode.Accepted:
                done(dict(dialog.values))
            self.editor.window().activateWindow()  # the keyboard goes back to the editor
            self.editor.finder.focus_search()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def material(self) -> None:
        """辅料: description, quantity × unit price (entered values, no reason needed)."""

        def done(v: dict[str, object]) -> None:
            line = EstimateLine(
                LineKind.MATERIAL,
                description=str(v["description"]),
                qty=_decimal(v["qty"]),
                unit_price=_decimal(v["unit_price"]),
            )
            self.add([line], self.tr("Add material"))

        self._ask(self.forms.material(self.editor), done)

    def amount_line(self, *, towing: bool) -> None:
        """外修 or 施救费: description and amount."""
        kind = LineKind.TOWING if towing else LineKind.SUBLET

        def done(v: dict[str, object]) -> None:
            line = EstimateLine(
                kind, description=str(v["description"]), amount=_decimal(v["amount"])
            )
            self.add([line], self.tr("Add towing") if towing else self.tr("Add sublet"))

        self._ask(self.forms.amount_line(self.editor, towing), done)

    def free_part(self) -> None:
        """A part not in the catalog, priced by hand with a reason (flagged for 核价)."""
        text = self.editor.finder.search.text().strip()
        description = "" if text.isascii() else text

        def done(v: dict[str, object]) -> None:
            line = EstimateLine(
                LineKind.PART,
                description=str(v["description"]),
                qty=_decimal(v["qty"]),
                unit_price=_decimal(v["unit_price"]),
                override_reason=str(v["reason"]),
            )
            self.add([line], self.tr("Add a part not in the catalog"))

        self._ask(self.forms.free_part(self.editor, description), done)

    def salvage(self) -> None:
        """残值: the amount deducted, prefilled with the engine's suggestion."""
        editor = self.editor
        assert editor.stored is not None
        current = editor.stored.estimate.salvage
        suggestion = editor.priced.salvage_suggestion if editor.priced else Decimal("0.00")
        totals = editor.priced.totals if editor.priced else None
        gross = totals.total + totals.salvage if totals else None  # what salvage comes out of

        def done(v: dict[str, object]) -> None:
            value = _decimal(v["salvage"])
            editor.undo_stack.push(
                SetSalvageCommand(editor, current, value, self.tr("Set the salvage"))
            )

        self._ask(self.forms.salvage(editor, current, suggestion, gross), done)

    # --- repair or replace -------------------------------------------------------------

    def advice(self, row: int) -> tuple[str, bool]:
        """The advice for the component of a part or repair line, and whether it can be
        applied (it suggests the other choice)."""
        editor = self.editor
        if editor.stored is None or not 0 <= row < editor.lines.rowCount():
            return "", False
        line = editor.lines.line_at(row)
        replacing = line.kind is LineKind.PART
        repairing = line.kind is LineKind.LABOR and bool(
            line.operation and line.operation.is_repair
        )
        if not line.component_code or not (replacing or repairing) or line.index is None:
            return "", False
        part_no = line.part_no if replacing else self._part_for(line.component_code)
        if not part_no:
            return "", False
        advice = repair_or_replace_advice(
            editor.engine, editor.stored.estimate, line.component_code, part_no
        )
        if advice is None:
            return "", False
        suggest_replace = advice.suggestion.value == "replace"
        choice = self.tr("replace") if suggest_replace else self.tr("repair")
        text = self.tr("Repair %1, replace %2 (%3 %) → suggest %4").replace(
            "%1", f"{advice.repair_cost:,.2f}"
        ).replace("%2", f"{advice.replace_cost:,.2f}").replace(
            "%3", f"{advice.share * 100:.0f}"
        ).replace("%4", choice) + (
            "" if not advice.replace_needs_reason else self.tr("; replacing needs a reason")
        )
        editable = is_editable(editor.stored.status)
        return text, editable and (suggest_replace == repairing)

    def _part_for(self, component: str) -> str:
        """A catalog part of the component for this vehicle (to price replacing it)."""
        assert self.editor.stored is not None
        standard = self._standard()
        if standard is None:
            return ""
        e = self.editor.stored.estimate
        try:
            found = search_parts(
                self.editor.engine,
                standard.component_name(component),
                model_code=e.model_code or None,
            )
        except LookupError:
            return ""
        fitting = [m for m in found if m.component_code == component and m.fits_model]
        return fitting[0].part_no if fitting else ""

    def apply_advice(self, row: int) -> None:
        """Turn a replaced component into a repaired one (part and replace labor out, medium
        repair and paint in), or a repaired one into a replaced one, as one undo step."""
        editor = self.editor
        _text, can_apply = self.advice(row)
        if not can_apply:
            editor.message.setText(self.tr("There is no advice to apply on this line."))
            return
        line = editor.lines.line_at(row)
        component = line.component_code
        standard = self._standard()
        if standard is None:
            return
        before = editor.state()
        to_repair = line.kind is LineKind.PART
        kept: list[tuple[EstimateLine, uuid.UUID | None]] = []
        for entered, key in zip(before.lines, before.keys, strict=True):
            same = entered.component_code == component or (
                entered.kind is LineKind.PART and entered.part_no == line.part_no
            )
            goes = same and (
                (entered.kind is LineKind.PART and to_repair)
                or (
                    entered.kind is LineKind.LABOR
                    and entered.operation is Operation.REPLACE
                    and to_repair
                )
                or (
                    entered.kind is LineKind.LABOR
                    and not to_repair
                    and entered.operation is not None
                    and entered.operation.is_repair
                )
            )
            if not goes:
                kept.append((entered, key))
        painted = any(e.kind is LineKind.PAINT and e.component_code == component for e, _ in kept)
        new: list[EstimateLine] = []
        if to_repair:
            new.append(
                EstimateLine(
                    LineKind.LABOR, component_code=component, operation=Operation.REPAIR_MEDIUM
                )
            )
        else:
            new.append(EstimateLine(LineKind.PART, part_no=self._part_for(component)))
            new.append(
                EstimateLine(LineKind.LABOR, component_code=component, operation=Operation.REPLACE)
            )
        if not painted and standard.panels(component) is not None:
            new.append(EstimateLine(LineKind.PAINT, component_code=component))
        after = LinesState(
            tuple([e for e, _ in kept] + new),
            tuple([k for _, k in kept] + [None] * len(new)),
        )
        label = (
            self.tr("Repair instead of replace")
            if to_repair
            else self.tr("Replace instead of repair")
        )
        editor.undo_stack.push(SetLinesCommand(editor, before, after, label))


def _decimal(value: object) -> Decimal:
    assert isinstance(value, Decimal)
    return value
