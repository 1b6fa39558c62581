"""The flooded vehicle's checklist (水淹车检查清单, Ctrl+Shift+W in the editor): the guide's items
for the case's water level and immersion grade, grouped by what is done (检查 / 清洗 / 烘干 /
更换) with their hours or part, the guide's loss-ratio range in yuan when the actual value is
known, and the warning when the engine was restarted after the flood. The assessor ticks items
(Space) and adds them (Ctrl+Enter) as estimate lines through ``add_flood_items``: one step of
the editor's undo stack (Ctrl+Z takes them out again). Items already in the estimate are
marked and cannot be ticked twice. A case without a flood record says so and offers the
vehicle value and policy dialog, where the level and grade are entered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.errors import DomainError
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.flood_vehicle import (
    ACTION_WORDS,
    GUIDE_REASON,
    IMMERSION_WORDS,
    LABOR_ACTIONS,
    WATER_LEVEL_WORDS,
    FloodAction,
    GuideItem,
    check_ratio,
)
from estimator.domain.settlement import percent
from estimator.domain.workflow import is_editable
from estimator.gui.commands import LinesState, SetLinesCommand
from estimator.gui.labels import in_language
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.gui.settlement_dialog import SettlementDialog
from estimator.services import flood_vehicle, settlement
from estimator.services.flood_vehicle import FloodChecklist, FloodLines
from parts_catalog.model import normalize_part_no

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor

#: The keys that add the ticked items (Return on the main keyboard, Enter on the keypad).
ADD_KEYS = ("Ctrl+Return", "Ctrl+Enter")
#: The column of an item's tick, its figures and whether it is in the estimate already.
ITEM, FIGURES, STATE = 0, 1, 2
#: Where a tickable row keeps its item's code.
CODE_ROLE = Qt.ItemDataRole.UserRole
ADDED_COLOR = QColor("#2e7d32")


def _zh() -> bool:
    return QLocale().name().startswith("zh")


def _detail(words: str) -> str:
    """三级：没过座垫 → 没过座垫; level 3: seat cushions → seat cushions."""
    for mark in ("：", ": "):
        if mark in words:
            return words.split(mark, 1)[1]
    return words


def is_added(item: GuideItem, lines: Iterable[EstimateLine]) -> bool:
    """Whether the estimate holds the line ticking ``item`` gives: the labor of its component
    and operation under its name, or the part of its component (the guide's number when it
    names one, or the hand line under its name). Inspect items give no line: never added."""
    if item.action is FloodAction.INSPECT:
        return False
    for line in lines:
        if item.action in LABOR_ACTIONS:
            if (
                line.kind is LineKind.LABOR
                and line.component_code == item.component_code
                and line.operation is item.operation
                and line.description == item.name_zh
            ):
                return True
        elif line.kind is LineKind.PART:
            if line.description == item.name_zh and line.override_reason == GUIDE_REASON:
                return True
            wanted = normalize_part_no(item.part_no) if item.part_no else ""
            if line.part_no and (
                line.part_no == wanted
                or (
                    not wanted
                    and item.component_code
                    and line.component_code == item.component_code
                )
            ):
                return True
    return False


class FloodItemsCommand(SetLinesCommand):
    """The lines ``add_flood_items`` stored, as one undo step: they are stored when pushed,
    so the first redo only follows; undo stores the lines before, redo adds them again."""

    def __init__(self, editor: EstimateEditor, before: LinesState, after: LinesState, text: str):
        super().__init__(editor, before, after, text)
        self.first = True

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        super().redo()


class FloodVehicleDialog(QDialog):
    """The checklist of the editor's case; ``added`` after items became lines."""

    added = Signal(object)  # FloodLines

    def __init__(self, editor: EstimateEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert editor.stored is not None
        self.editor = editor
        self.estimate_id, self.case_id = editor.stored.id, editor.stored.case_id
        self.setWindowTitle(self.tr("Flooded-vehicle checklist"))
        self.checklist = FloodChecklist(None, None, None)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold;")
        self.ratio = QLabel()
        self.ratio.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.runner = OperationRunner(Screen(self.say), self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Hours or part"), self.tr("State")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)  # every group open: the whole checklist is read
        self.tree.setIndentation(16)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        for column in (FIGURES, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumSize(560, 300)
        self.hint = QLabel(
            self.tr("Space ticks or unticks an item; Ctrl+Enter adds the ticked items as lines.")
        )
        self.hint.setStyleSheet("color: #616161;")
        self.add_button = QPushButton(self.tr("Add ticked items"))
        self.add_button.clicked.connect(self.add_ticked)
        self.settlement_button = QPushButton(self.tr("Vehicle value and policy…"))
        self.settlement_button.clicked.connect(self.open_settlement)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for key in ADD_KEYS:
            QShortcut(QKeySequence(key), self, self.add_ticked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.settlement_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for label in (self.summary, self.ratio, self.warning):
            layout.addWidget(label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.message.hide()
        self.refresh()

    def say(self, text: str) -> None:
        """Show ``text`` under the checklist; an empty message takes no room."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- reading and showing -------------------------------------------------------------

    def refresh(self) -> None:
        """Read the case's checklist and the estimate's lines again and show them."""
        _, found = self.runner.run(
            lambda: flood_vehicle.guide_for(self.editor.engine, self.case_id), key="guide"
        )
        if found is None:
            return
        self.checklist = found
        self._show_summary()
        self._show_ratio()
        self._show_items()
        stored = self.editor.stored
        editable = stored is not None and is_editable(stored.status)
        self.add_button.setEnabled(found.known and bool(found.items) and editable)
        if not found.known:
            self.say(in_language(DomainError("flood_vehicle.no_flood_data")))
            self.settlement_button.setFocus()
        elif not editable:
            self.say(self.tr("This version can no longer be changed: the items are shown only."))
        if found.known:
            self.tree.setFocus()

    def _show_summary(self) -> None:
        found, zh = self.checklist, _zh()
        if found.water_level is None or found.immersion is None:
            self.summary.setText(self.tr("No water level and immersion time on this case."))
        else:
            level = WATER_LEVEL_WORDS[found.water_level][0 if zh else 1]
            grade_zh, grade_en, _more, _most = IMMERSION_WORDS[found.immersion]
            grade = grade_zh if zh else grade_en
            self.summary.setText(
                self.tr("Water level %1 (%2) · immersion %3 (%4)")
                .replace("%1", str(found.water_level))
                .replace("%2", _detail(level))
                .replace("%3", found.immersion)
                .replace("%4", _detail(grade))
            )
        restarted = found.engine_restarted is True
        self.warning.setText(
            in_language(DomainError("flood_vehicle.engine_restarted")) if restarted else ""
        )
        self.warning.setVisible(restarted)

    def _show_ratio(self) -> None:
        ratio = self.checklist.ratio
        self.ratio.setVisible(ratio is not None)
        if ratio is None:
            return
        low, high = percent(ratio.low), percent(ratio.high)
        _, view = self.runner.run(
            lambda: settlement.settlement_view(self.editor.engine, self.estimate_id), key="value"
        )
        value = None if view is None or view.value is None else view.value.value
        if value is None:
            text = self.tr(
                "The guide's loss ratio: %1 to %2 of the actual value (unknown until the new-vehicle price, first registration, vehicle kind and loss date are entered)."
            )
        else:
            found = check_ratio(value, value, ratio)  # the range in yuan (R17 weighs the total)
            text = (
                self.tr(
                    "The guide's loss ratio: %1 to %2 of the actual value %3 yuan, that is %4 to %5 yuan."
                )
                .replace("%3", f"{value:,.2f}")
                .replace("%4", f"{found.low:,.2f}")
                .replace("%5", f"{found.high:,.2f}")
            )
        self.ratio.setText(text.replace("%1", low).replace("%2", high))

    def _show_items(self) -> None:
        zh = _zh()
        stored = self.editor.stored
        lines = () if stored is None else stored.estimate.lines
        self.tree.clear()
        for action in FloodAction:
            items = [item for item in self.checklist.items if item.action is action]
            if not items:
                continue
            group = QTreeWidgetItem([ACTION_WORDS[action][0 if zh else 1], "", ""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(ITEM)
            font.setBold(True)
            group.setFont(ITEM, font)
            self.tree.addTopLevelItem(group)
            for item in items:
                group.addChild(self._row(item, is_added(item, lines), zh))
        self.tree.expandAll()
        first = self._rows()
        if first:
            self.tree.setCurrentItem(first[0])

    def _row(self, item: GuideItem, added: bool, zh: bool) -> QTreeWidgetItem:
        row = QTreeWidgetItem(
            [item.name_zh if zh else item.name_en, self._figures(item), self._state(item, added)]
        )
        row.setData(ITEM, CODE_ROLE, item.code)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if added:
            row.setForeground(STATE, QBrush(ADDED_COLOR))
        else:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            row.setCheckState(ITEM, Qt.CheckState.Unchecked)
        row.setFlags(flags)
        row.setTextAlignment(FIGURES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return row

    def _figures(self, item: GuideItem) -> str:
        if item.action in LABOR_ACTIONS and item.hours is not None:
            return self.tr("%1 h").replace("%1", f"{item.hours:.1f}")
        if item.action is FloodAction.REPLACE:
            if item.part_no:
                return self.tr("part %1").replace("%1", item.part_no)
            if item.unit_price is not None:
                return self.tr("about %1 yuan").replace("%1", f"{item.unit_price:,.2f}")
        return ""

    def _state(self, item: GuideItem, added: bool) -> str:
        if added:
            return self.tr("In the estimate")
        if item.action is FloodAction.INSPECT:
            return self.tr("Inspect only, no line")
        return ""

    def _rows(self) -> list[QTreeWidgetItem]:
        """The items' rows (not the groups'), in the order shown."""
        groups = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        rows = [g.child(i) for g in groups if g is not None for i in range(g.childCount())]
        return [row for row in rows if row is not None]

    def row_of(self, code: str) -> QTreeWidgetItem:
        """The row of an item by its code (for tests and keys)."""
        return next(row for row in self._rows() if row.data(ITEM, CODE_ROLE) == code)

    def ticked_codes(self) -> list[str]:
        """The codes of the ticked items, in the guide's order."""
        return [
            str(row.data(ITEM, CODE_ROLE))
            for row in self._rows()
            if row.flags() & Qt.ItemFlag.ItemIsUserCheckable
            and row.checkState(ITEM) is Qt.CheckState.Checked
        ]

    # --- adding ---------------------------------------------------------------------------

    def add_ticked(self) -> FloodLines | None:
        """Add the ticked items as lines of the editor's version, one undo step."""
        codes = self.ticked_codes()
        if not self.add_button.isEnabled():
            return None
        if not codes:
            self.say(self.tr("Tick the items found first (Space)."))
            return None
        editor = self.editor
        if not editor.save.settled or not editor.showing_asked_for():
            self.say(self.tr("First save or settle the lines in the editor; then add the items."))
            return None
        before = editor.save.state()
        outcome, result = self.runner.run(
            lambda: flood_vehicle.add_flood_items(
                editor.engine, self.estimate_id, codes, editor.user
            ),
            key="add",
        )
        editor.reload()
        if outcome is not Outcome.DONE or result is None:
            return None
        self._push_undo(before, len(result.added))
        self.say(self._added_text(result))
        self.refresh_items()
        self.added.emit(result)
        return result

    def _push_undo(self, before: LinesState, count: int) -> None:
        """One undo step for the added lines, when the lines before them are unchanged."""
        if not count or self.editor.stored is None:
            return
        now = self.editor.save.state()
        kept = len(before.lines)
        if now.lines[:kept] != before.lines or now.keys[:kept] != before.keys:
            return  # someone else's edit came between: the lines are removed with Del
        after = LinesState(now.lines, (*before.keys, *([None] * (len(now.lines) - kept))))
        text = self.tr("Add flood items")
        self.editor.undo_stack.push(FloodItemsCommand(self.editor, before, after, text))

    def _added_text(self, result: FloodLines) -> str:
        text = self.tr("%1 lines added.").replace("%1", str(len(result.added)))
        if result.inspect_only:
            more = self.tr("%1 inspect items give no line.")
            text += " " + more.replace("%1", str(len(result.inspect_only)))
        return text

    def refresh_items(self) -> None:
        """Show the items again against the editor's lines (those added are marked)."""
        self._show_items()
        self._show_ratio()

    def open_settlement(self) -> SettlementDialog | None:
        """The case's vehicle value and policy (the flood record too); a save reads the
        checklist and the editor again."""
        editor = self.editor
        _, dialog = self.runner.run(
            lambda: SettlementDialog(editor.engine, self.case_id, editor.user, self),
            key="settlement",
        )
        if dialog is not None:
            dialog.saved.connect(self._settled)
            dialog.open()
        return dialog

    def _settled(self, _data: object) -> None:
        self.say("")
        self.editor.reload()
        self.refresh()


def open_flood_checklist(editor: EstimateEditor) -> FloodVehicleDialog | None:
    """Open the checklist of the editor's case (None without a version shown, or when it
    cannot be read: the editor's message line says why)."""
    if editor.stored is None:
        return None
    _, dialog = editor.runner.run(lambda: FloodVehicleDialog(editor, editor), key="flood")
    if dialog is not None:
        dialog.open()
    return dialog
