"""Correcting a catalog part (maintainers): find it by number or by the part search, change
its names, category, old-part recovery or salvage rate. A save refused because the part
changed since it was opened (another maintainer, an import) keeps the maintainer's values
and shows what changed, theirs against theirs; the values are re-applied or discarded,
never silently overwritten."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.errors import DomainError
from estimator.gui.banner import OfflineBanner
from estimator.gui.conflict import ConflictBar
from estimator.gui.labels import in_language
from estimator.gui.operations import OperationRunner, Screen
from estimator.services.catalog import (
    CatalogEditConflict,
    EditablePart,
    correct_part,
    part_for_edit,
    search_parts,
    shown_value,
)
from estimator.services.users import User
from parts_catalog.model import normalize_part_no

if TYPE_CHECKING:
    from estimator.services.database import Database

#: How many search results the finder lists.
FOUND_LIMIT = 30


class PartCorrectionDialog(QDialog):
    """配件纠错: find a part, correct it, save under optimistic locking."""

    def __init__(self, engine: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.user = user
        self.base: EditablePart | None = None
        self.refused: CatalogEditConflict | None = None
        self.setWindowTitle(self.tr("Correct part"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("W" * 36))
        self.labels = {
            "name_zh": self.tr("Chinese name"),
            "name_en": self.tr("English name"),
            "component_code": self.tr("Component code"),
            "category": self.tr("Category"),
            "recover_old_part": self.tr("Recover the old part"),
            "salvage_rate": self.tr("Salvage rate (0–1)"),
        }
        self.offline = OfflineBanner()
        self.finder = QLineEdit()
        self.finder.setPlaceholderText(self.tr("Part number, name or pinyin initials"))
        self.finder.setClearButtonEnabled(True)
        self.found = QListWidget()
        self.part = QLabel(self.tr("Find the part to correct."))
        self.name_zh = QLineEdit()
        self.name_en = QLineEdit()
        self.category = QLineEdit()
        self.recover = QCheckBox()
        self.salvage = QLineEdit()
        self.salvage.setPlaceholderText(self.tr("blank: none"))
        form = QFormLayout()
        for key, widget in (
            ("name_zh", self.name_zh),
            ("name_en", self.name_en),
            ("category", self.category),
            ("recover_old_part", self.recover),
            ("salvage_rate", self.salvage),
        ):
            form.addRow(self.labels[key], widget)
        self.conflict = ConflictBar()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        close = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(self.finder)
        layout.addWidget(self.found, 1)
        layout.addWidget(self.part)
        layout.addLayout(form)
        layout.addWidget(self.conflict)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        # Finding and opening: a lost server shows the banner; saving keeps the values.
        self.runner = OperationRunner(Screen(self.message.setText, self.offline), self)
        self.saving = OperationRunner(
            Screen(
                self._not_saved,
                self.offline,
                conflict=self._conflicted,
                offline=self._offline_kept,
            ),
            self,
        )
        self.finder.textChanged.connect(self._find)
        self.finder.returnPressed.connect(self.open_typed)
        self.found.itemActivated.connect(self.open_item)
        self.found.itemClicked.connect(self.open_item)
        self.save_button.clicked.connect(self.save)
        self.conflict.reapply.connect(self.reapply)
        self.conflict.discard.connect(self.discard)
        close.clicked.connect(self.reject)
        self._enable(False)
        self.resize(560, 620)

    # --- finding the part -------------------------------------------------------------

    def search(self, text: str) -> None:
        """List the parts the search finds for ``text`` (number, Chinese, pinyin)."""
        self.found.clear()
        if not text.strip():
            return
        for match in search_parts(self.engine, text, limit=FOUND_LIMIT):
            item = QListWidgetItem(f"{match.part_no}  {match.name_zh}  {match.category}")
            item.setData(Qt.ItemDataRole.UserRole, match.part_no)
            self.found.addItem(item)

    def open_typed(self) -> None:
        """Enter: the part whose number was typed, else the first one found."""
        number = normalize_part_no(self.finder.text())
        for row in range(self.found.count()):
            if self.found.item(row).data(Qt.ItemDataRole.UserRole) == number:
                self.open_part(number)
                return
        if self.found.count():
            self.open_item(self.found.item(0))
        elif number:
            self.open_part(number)

    def _find(self, text: str) -> None:
        self.runner.run(lambda: self.search(text), key="find", again=lambda: self._find(text))

    def open_item(self, item: QListWidgetItem) -> None:
        """Open the part of a search result."""
        self.open_part(str(item.data(Qt.ItemDataRole.UserRole)))

    def open_part(self, part_no: str) -> bool:
        """Read the part (and its version) into the form; False when it cannot be."""
        if self.refused is not None:
            self.message.setText(self.tr("First re-apply or discard the values that were refused."))
            return False
        _, part = self.runner.run(lambda: part_for_edit(self.engine, part_no), key="open")
        if part is None:
            return False
        self._show(part)
        self.message.clear()
        self.name_zh.setFocus()
        return True

    # --- the form ---------------------------------------------------------------------

    def _show(self, part: EditablePart) -> None:
        self.base = part
        self.part.setText(
            self.tr("Part %1 · component %2 · version %3")
            .replace("%1", part.part_no)
            .replace("%2", part.component_code or "—")
            .replace("%3", str(part.row_version))
        )
        self._fill(
            {
                "name_zh": part.name_zh,
                "name_en": part.name_en,
                "category": part.category,
                "recover_old_part": part.recover_old_part,
                "salvage_rate": part.salvage_rate,
            }
        )
        self._enable(True)

    def _fill(self, values: dict[str, object]) -> None:
        """Put the given values in the form (the others stay as they are)."""
        texts = {"name_zh": self.name_zh, "name_en": self.name_en, "category": self.category}
        for key, value in values.items():
            if key in texts:
                texts[key].setText(str(value))
            elif key == "recover_old_part":
                self.recover.setChecked(bool(value))
            elif key == "salvage_rate":
                self.salvage.setText("" if value is None else shown_value(value, False))

    def _enable(self, enabled: bool) -> None:
        for widget in (self.name_zh, self.name_en, self.category, self.recover, self.salvage):
            widget.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    def values(self) -> dict[str, object]:
        """The values in the form, as typed (the service checks them)."""
        return {
            "name_zh": self.name_zh.text(),
            "name_en": self.name_en.text(),
            "category": self.category.text(),
            "recover_old_part": self.recover.isChecked(),
            "salvage_rate": self.salvage.text(),
        }

    def _text(self, error: DomainError) -> str:
        return in_language(error)

    def _zh(self) -> bool:
        return self.locale().name().startswith("zh")

    # --- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Save the form on the version it was read at. Refused (the values stay in the
        form): the part changed since (what changed is shown), the server is out of reach,
        the database refused the write, or a value is invalid."""
        if self.base is None:
            return False
        if self.refused is not None:
            self.message.setText(self.tr("First re-apply or discard the values that were refused."))
            return False
        base, values = self.base, self.values()
        _, saved = self.saving.run(
            lambda: correct_part(self.engine, self.user, base.part_no, base, values), key="save"
        )
        if saved is None:
            return False
        self._show(saved)
        self.message.setText(
            self.tr("Saved: part %1 is now at version %2.")
            .replace("%1", saved.part_no)
            .replace("%2", str(saved.row_version))
        )
        return True

    def _not_saved(self, why: str) -> None:
        """Invalid values, no role, or the database refused: the values stay in the form."""
        self.message.setText(why + "\n" + self.tr("Not saved: your values are kept in the form."))

    def _offline_kept(self) -> None:
        self.message.setText(
            self.tr(
                "Not saved: the database server cannot be reached. Your values are kept; press Save again when it is back."
            )
        )

    def _conflicted(self, error: DomainError) -> None:
        assert isinstance(error, CatalogEditConflict)
        self.refused = error
        self.conflict.show_conflict(self.describe(error))
        self.message.clear()
        self.save_button.setEnabled(False)

    def describe(self, conflict: CatalogEditConflict) -> str:
        """Who changed the part since it was opened, and each value that differs: theirs
        and yours (what is in the form)."""
        zh = self._zh()
        who = ("、" if zh else ", ").join(c.describe(zh) for c in conflict.changed_by)
        lines = [
            self.tr(
                "%1 changed this part after you opened it; nothing of yours was saved."
            ).replace("%1", who or self.tr("Someone"))
        ]
        for field, label in self.labels.items():
            yours = conflict.mine.get(field, conflict.base.value(field))
            theirs = conflict.theirs.value(field)
            if field in conflict.changes or yours != conflict.base.value(field):
                lines.append(
                    self.tr("%1: theirs %2, yours %3")
                    .replace("%1", label)
                    .replace("%2", shown_value(theirs, zh))
                    .replace("%3", shown_value(yours, zh))
                )
        return "\n".join(lines)

    def reapply(self) -> None:
        """Take the part as it now is and save the refused values on it: what the maintainer
        changed wins, the rest is theirs."""
        conflict = self.refused
        if conflict is None:
            return
        self._settle()
        self._show(conflict.theirs)
        self._fill({f: v for f, v in conflict.mine.items() if v != conflict.base.value(f)})
        self.save()

    def discard(self) -> None:
        """Drop the refused values and show the part as it now is."""
        conflict = self.refused
        if conflict is None:
            return
        self._settle()
        if not self.open_part(conflict.base.part_no):
            self._show(conflict.theirs)

    def _settle(self) -> None:
        self.refused = None
        self.conflict.hide()
        self.save_button.setEnabled(True)
