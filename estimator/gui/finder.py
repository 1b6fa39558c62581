"""The editor's finder: part search with type-ahead, its results, and one key per operation.

In the search box letters are text; ↑/↓ moves into the results, where letters are the
operation keys of editor-ux.md §3 (H replace, B part only, C R&I, 1/2/3 repair, J mech,
D elec, P paint only, F material, W sublet, S towing, Z salvage, N free line). Enter adds
the selected part as replace, from the search box or the results.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.gui.models import PartMatchesModel
from parts_catalog.model import PartMatch

#: Operation keys: the key's letter → what it does (the Finder names it in the UI language).
OPERATION_KEYS: dict[str, str] = {
    "H": "Replace",
    "B": "Part only",
    "C": "Remove & install",
    "1": "Repair light",
    "2": "Repair medium",
    "3": "Repair heavy",
    "J": "Mechanical",
    "D": "Electrical",
    "P": "Paint only",
    "F": "Material",
    "W": "Sublet",
    "S": "Towing",
    "Z": "Salvage",
    "N": "Part not in catalog",
}
#: Keys that need no found part (entered lines and the salvage).
ENTERED_KEYS = ("F", "W", "S", "Z", "N")
_KEYS = {getattr(Qt.Key, f"Key_{key}"): key for key in OPERATION_KEYS}


def operation_key(event: QKeyEvent) -> str | None:
    """The operation a key press picks (None: not an operation key, or with Ctrl/Alt)."""
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    return _KEYS.get(Qt.Key(event.key()))


class SearchBox(QLineEdit):
    """The search box: focused from the keyboard or by a command (Ctrl+F, after adding a
    line), its text is selected, so typing starts a new search."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() is not Qt.FocusReason.MouseFocusReason:
            self.selectAll()


class Finder(QWidget):
    """Search box, results and operation keys; emits the operation the user picked."""

    #: An operation key (a key of OPERATION_KEYS) was picked.
    operation = Signal(str)
    #: Ctrl+↓: the user moves to the lines.
    to_lines = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox()
        self.search.setObjectName("finder-search")
        self.search.setPlaceholderText(
            self.tr("Find a part: Chinese, pinyin initials (qbxg) or part number")
        )
        self.search.setToolTip(
            self.tr(
                "Ctrl+F: here · ↓: into the results, where letters pick the operation · Enter: add the selected part as replace · Ctrl+↓: to the lines"
            )
        )
        self.search.setClearButtonEnabled(True)
        self.matches = PartMatchesModel()
        self.results = QTableView()
        self.results.setObjectName("finder-results")
        self.results.setModel(self.matches)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.results.setToolTip(self.legend_text())
        #: Said in place: why a key did nothing (no component, not in the standard…).
        self.note = QLabel()
        self.note.setObjectName("finder-note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a4b00;")
        self.legend = QLabel(self.legend_text())
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555;")
        self.buttons: dict[str, QPushButton] = {}
        #: The keys offered now (a property item takes fewer: ``offer_keys``).
        self.offered: frozenset[str] = frozenset(OPERATION_KEYS)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        # Chinese names are two or three characters: four a row; English ones need the room.
        columns = 4 if QLocale().name().startswith("zh") else 2
        for position, key in enumerate(OPERATION_KEYS):
            # "&" would mark a mnemonic on a button ("Remove & install"): doubled, it is shown.
            button = QPushButton(f"{self.key_name(key).replace('&', '&&')} {key}")
            button.setToolTip(self.key_tooltip(key))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard path is the keys
            button.clicked.connect(lambda _checked=False, k=key: self.operation.emit(k))
            grid.addWidget(button, position // columns, position % columns)
            self.buttons[key] = button
        self.set_keys_enabled(False)  # until a case is open (set_read_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        layout.addWidget(self.legend)
        # Without the results (a property item) the keys sit at the top: the room is below.
        layout.addStretch(0)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.search.returnPressed.connect(lambda: self.operation.emit("H"))
        self.results.doubleClicked.connect(lambda _index: self.operation.emit("H"))
        self.search.textEdited.connect(lambda _text: self.note.clear())

    def clear(self) -> None:
        """Empty the search box, its results and its note (another case is opened)."""
        self.search.clear()
        self.matches.set_matches([])
        self.note.clear()

    def show_empty_catalog(self) -> None:
        """Say in place that no catalog was imported yet, and how to import one."""
        self.note.setText(
            self.tr(
                "No parts catalog has been imported yet. A maintainer or an administrator imports one with Data › Set up the data…, where the sample data can also be loaded to try things."
            )
        )

    def key_name(self, key: str) -> str:
        """The operation's name in the interface's language (换件, 钣金中…)."""
        names = {
            "H": self.tr("Replace"),
            "B": self.tr("Part only"),
            "C": self.tr("Remove & install"),
            "1": self.tr("Repair light"),
            "2": self.tr("Repair medium"),
            "3": self.tr("Repair heavy"),
            "J": self.tr("Mechanical"),
            "D": self.tr("Electrical"),
            "P": self.tr("Paint only"),
            "F": self.tr("Material"),
            "W": self.tr("Sublet"),
            "S": self.tr("Towing"),
            "Z": self.tr("Salvage"),
            "N": self.tr("Part not in catalog"),
        }
        return names[key]

    def key_tooltip(self, key: str) -> str:
        """What the key does and the key (in the interface's language only)."""
        return f"{self.key_name(key)} ({key})"

    def legend_text(self) -> str:
        """One line naming every operation key."""
        return " · ".join(f"{key} {self.key_name(key)}" for key in OPERATION_KEYS)

    def selected_match(self) -> PartMatch | None:
        """The selected result (None: no result selected)."""
        model = self.results.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.matches.match_at(rows[0].row()) if rows else None

    def focus_search(self) -> None:
        """Focus the search box with its text selected, ready to type over (the lines when
        the search is not offered: a property item's lines are typed in)."""
        if self.search.isHidden():
            self.to_lines.emit()
            return
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_read_only(self, read_only: bool) -> None:
        """Hide the finder on a version that cannot be edited: the lines get its width."""
        self.setVisible(not read_only)
        self.search.setEnabled(not read_only)
        self.set_keys_enabled(not read_only)

    def set_keys_enabled(self, enabled: bool) -> None:
        """The operation buttons add lines to the open case: disabled while none is open."""
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def offer_keys(self, keys: frozenset[str] | None, why: str = "") -> None:
        """Offer only ``keys`` (None: every key), without the part search, and say ``why``
        where the legend is: a third-party property item takes free lines only."""
        self.offered = frozenset(OPERATION_KEYS) if keys is None else keys
        for key, button in self.buttons.items():
            button.setVisible(key in self.offered)
        for widget in (self.search, self.results):
            widget.setHidden(keys is not None)
        if keys is not None:
            self.matches.set_matches([])
        self.legend.setText(why or self.legend_text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = Qt.Key(event.key())
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Down and control:
            self.to_lines.emit()
            return True
        if watched is self.search:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.rowCount():
                self._into_results()
                return True
            return False
        if watched is self.results:
            return self._results_key(event, key)
        return super().eventFilter(watched, event)

    def _into_results(self) -> None:
        if self.selected_match() is None:
            self.results.selectRow(0)
        self.results.setFocus(Qt.FocusReason.TabFocusReason)

    def _results_key(self, event: QKeyEvent, key: Qt.Key) -> bool:
        picked = operation_key(event)
        if picked is not None:
            self.operation.emit(picked)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.operation.emit("H")
            return True
        if key == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        current = self.results.currentIndex()
        if key == Qt.Key.Key_Up and (not current.isValid() or current.row() == 0):
            self.focus_search()
            return True
        return False
