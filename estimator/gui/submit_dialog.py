"""Submitting with warnings open (issue #26): the open warnings in one dialog, a reason to
write for each, submit once every one has its reason, or cancel."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.review import Finding
from estimator.services.submission import FindingKey, key_of, open_warnings


class SubmitDialog(QDialog):
    """The open warnings of the version, one reason box per finding (rule and line)."""

    def __init__(
        self, findings: Sequence[Finding], language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submit with warnings"))
        self.warnings = open_warnings(findings)
        count = str(len(self.warnings))
        intro = QLabel(
            self.tr(
                "%1 warnings are open. Write why for each: the reviewer reads your reasons."
            ).replace("%1", count)
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        #: One reason box per finding key (two findings of a rule on a line share one).
        self.boxes: dict[FindingKey, QLineEdit] = {}
        row = 0
        for finding in self.warnings:
            key = key_of(finding)
            where = (
                self.tr("Estimate")
                if finding.line is None
                else self.tr("Line %1").replace("%1", str(finding.line + 1))
            )
            label = QLabel(f"{finding.rule} · {where}")
            message = QLabel(finding.message(language))
            message.setWordWrap(True)
            grid.addWidget(label, row, 0)
            grid.addWidget(message, row, 1)
            row += 1
            if key in self.boxes:
                continue
            box = QLineEdit()
            box.setPlaceholderText(self.tr("Reason for %1").replace("%1", finding.rule))
            box.setMaxLength(500)
            box.textChanged.connect(self._enable_submit)
            self.boxes[key] = box
            grid.addWidget(box, row, 1)
            row += 1
        grid.setRowStretch(row, 1)  # the rows at the top, the room below them
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.submit_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit_button.setText(self.tr("Submit"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 460)
        self._enable_submit()

    def reasons(self) -> dict[FindingKey, str]:
        """The reasons written, by rule and line."""
        return {key: box.text().strip() for key, box in self.boxes.items()}

    def _enable_submit(self) -> None:
        self.submit_button.setEnabled(all(self.reasons().values()))


def ask_reasons(
    parent: QWidget,
    findings: Sequence[Finding],
    done: Callable[[dict[FindingKey, str]], object],
) -> SubmitDialog | None:
    """Call ``done`` with the reasons: at once (none needed) when no warning is open, else
    when the dialog (window-modal, returned) is confirmed; nothing when it is cancelled."""
    if not open_warnings(findings):
        done({})
        return None
    language = "zh" if parent.locale().name().startswith("zh") else "en"
    dialog = SubmitDialog(findings, language, parent)
    dialog.accepted.connect(lambda: done(dialog.reasons()))
    dialog.open()
    return dialog
