"""Choosers for a case's header that hold a code but show words: the vehicle model from the
catalog's list (searchable by code, name or pinyin initials) and the region by name.

Both read and take their code with ``text()`` and ``setText()``, as the line edits they
replace did, so the forms and the main window read them the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from estimator.domain.regions import region_name

if TYPE_CHECKING:  # the sign-in dialog's module imports this one: not the database's imports
    from estimator.services.case_choices import VehicleChoice

#: The item role holding what a model is found by: its label and its pinyin initials.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


class _LabelCompleter(QCompleter):
    """Matches on the search keys but puts the model's label in the box."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class ModelBox(QComboBox):
    """The vehicle model: typed and filtered (code, Chinese name or pinyin initials, any
    part of them), then picked from the catalog's list; only a listed model is a value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self.choices: list[VehicleChoice] = []
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.finder = _LabelCompleter(self.items, self)
        self.finder.setCompletionRole(SEARCH_ROLE)
        self.finder.setFilterMode(Qt.MatchFlag.MatchContains)
        self.finder.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.finder.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.finder.setMaxVisibleItems(10)
        self.setCompleter(self.finder)
        self.finder.activated[str].connect(self._picked)  # type: ignore[index]
        self.setCurrentIndex(-1)

    def set_choices(self, choices: Sequence[VehicleChoice]) -> None:
        """List ``choices``; what was chosen stays chosen when it is still listed."""
        kept = self.text()
        self.choices = list(choices)
        self.items.clear()
        for choice in self.choices:
            item = QStandardItem(choice.label)
            item.setData(choice.model_code, Qt.ItemDataRole.UserRole)
            item.setData(f"{choice.label} {choice.initials}", SEARCH_ROLE)
            self.items.appendRow(item)
        self.setText(kept)

    def _picked(self, label: str) -> None:
        index = self.findText(label)
        if index >= 0:
            self.setCurrentIndex(index)

    def code(self) -> str | None:
        """The listed model the box names ("" when empty, None when nothing listed is):
        its label, its code or its name as typed."""
        typed = self.currentText().strip()
        if not typed:
            return ""
        for choice in self.choices:
            if typed in (choice.label, choice.name) or typed.casefold() == (
                choice.model_code.casefold()
            ):
                return choice.model_code
        return None

    def choice(self, code: str) -> VehicleChoice | None:
        """The listed model of ``code``."""
        return next((c for c in self.choices if c.model_code == code), None)

    def text(self) -> str:
        """The model's code; what was typed when it names no listed model."""
        code = self.code()
        return self.currentText().strip() if code is None else code

    def setText(self, code: str) -> None:
        """Show the model of ``code`` (an unlisted code as it is, for the user to change)."""
        index = self.findData(code.strip().upper()) if code.strip() else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code)


class RegionBox(QComboBox):
    """The price region, chosen by name (浙江) and held as its code (ZJ)."""

    def set_regions(self, codes: Sequence[str]) -> None:
        """Offer ``codes`` by name; the chosen region stays chosen."""
        kept = self.text()
        self.clear()
        for code in codes:
            self.addItem(self._name(code), code)
        self.setText(kept)

    @staticmethod
    def _name(code: str) -> str:
        return region_name(code, "zh" if QLocale().name().startswith("zh") else "en")

    def text(self) -> str:
        """The region's code ("" when none is chosen)."""
        data = self.currentData()
        return "" if data is None else str(data)

    def setText(self, code: str) -> None:
        """Choose the region of ``code``; one not offered (an older case's) is added."""
        wanted = code.strip().upper()
        if not wanted:
            self.setCurrentIndex(-1)
            return
        index = self.findData(wanted)
        if index < 0:
            self.addItem(self._name(wanted), wanted)
            index = self.count() - 1
        self.setCurrentIndex(index)
