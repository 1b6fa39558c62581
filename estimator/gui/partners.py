"""The partner shop registry (合作修理厂) for maintainers: every shop and its agreement;
import, export and the template of the registry workbook."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.partners import PartnerShop
from estimator.gui.banner import OfflineBanner
from estimator.gui.import_dialog import ImportDialog
from estimator.gui.labels import price_type_text, shop_class_text
from estimator.gui.models import Index, RowsModel
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.services.partners import (
    export_partners,
    partner_shops,
    write_partner_template,
)
from estimator.services.users import User

if TYPE_CHECKING:
    from estimator.services.database import Database

EXPIRED = QBrush(QColor("#c62828"))


class PartnerColumn(IntEnum):
    """Columns of the registry."""

    NAME = 0
    SHOP_CLASS = 1
    REGION = 2
    CONTACT = 3
    PRICE_TYPES = 4
    DEFAULT = 5
    VALID_FROM = 6
    VALID_TO = 7


class PartnerShopsModel(RowsModel):
    """Rows: PartnerShop values by name; an agreement not valid today shows in red."""

    HEADERS = (
        "Shop",
        "Shop class",
        "Region",
        "Contact",
        "Agreed price types",
        "Other categories",
        "Valid from",
        "Valid to",
    )

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        self.today = today or dt.date.today()

    def shop_at(self, row: int) -> PartnerShop:
        """The shop on a row."""
        return cast(PartnerShop, self._rows[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        shop = self.shop_at(index.row())
        a = shop.agreement
        column = PartnerColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            texts = {
                PartnerColumn.NAME: shop.name,
                PartnerColumn.SHOP_CLASS: shop_class_text(shop.shop_class),
                PartnerColumn.REGION: shop.region,
                PartnerColumn.CONTACT: shop.contact,
                PartnerColumn.PRICE_TYPES: "；".join(
                    f"{category} {price_type_text(price_type)}"
                    for category, price_type in sorted(a.price_types.items())
                ),
                PartnerColumn.DEFAULT: price_type_text(a.default_price_type),
                PartnerColumn.VALID_FROM: a.valid_from.isoformat(),
                PartnerColumn.VALID_TO: a.valid_to.isoformat(),
            }
            return texts[column]
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column in (PartnerColumn.VALID_FROM, PartnerColumn.VALID_TO)
            and not a.valid_from <= self.today <= a.valid_to
        ):
            return EXPIRED
        return None


class PartnerRegistryDialog(QDialog):
    """合作修理厂: the registry, its import and export (maintainers)."""

    def __init__(self, engine: Database, actor: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor = actor
        self.setWindowTitle(self.tr("Partner shops"))
        self.offline = OfflineBanner()
        self.shops = PartnerShopsModel()
        self.table = QTableView()
        self.table.setModel(self.shops)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            PartnerColumn.PRICE_TYPES, QHeaderView.ResizeMode.Stretch
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.template_button = QPushButton(self.tr("Empty template…"))
        close = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.template_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Estimates at a partner shop with a valid agreement, priced with the agreed price types, carry the no-price-difference guarantee."
                )
            )
        )
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        # A lost server reads the registry again (the banner gone) once it answers.
        self.runner = OperationRunner(
            Screen(self.message.setText, self.offline, self.refresh, "registry"), self
        )
        self.import_button.clicked.connect(self.import_registry)
        self.export_button.clicked.connect(lambda: self.export_registry())
        self.template_button.clicked.connect(lambda: self.write_template())
        close.clicked.connect(self.accept)
        self.resize(1040, 420)
        self.refresh()

    def refresh(self) -> bool:
        """Reload the registry; while the server cannot be reached the banner shows, what
        was listed stays and the reload is tried again until the server answers."""
        listed, _ = self.runner.run(
            lambda: self.shops.set_rows(partner_shops(self.engine)),
            key="registry",
            again=self.refresh,
        )
        return listed is Outcome.DONE

    def import_registry(self) -> None:
        """Import a registry workbook through the shared import dialog, then reload."""
        ImportDialog(self.engine, self.actor, "partners", self).exec()
        self.refresh()

    def _save_name(self, title: str, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, title, suggested, self.tr("Excel workbooks (*.xlsx)")
        )
        return Path(name) if name else None

    def export_registry(self, path: Path | None = None) -> None:
        """Write the registry as a workbook in the import format."""
        path = path or self._save_name(self.tr("Export partner shops"), "合作修理厂.xlsx")
        if path is not None:
            self.runner.run(lambda: self._export(path), key="export")

    def _export(self, path: Path) -> None:
        try:
            count = export_partners(self.engine, path)
        except OSError as error:
            self.message.setText(str(error))
            return
        self.message.setText(
            self.tr("%1 shops written to %2").replace("%1", str(count)).replace("%2", str(path))
        )

    def write_template(self, path: Path | None = None) -> None:
        """Write the empty registry workbook with its explanation sheet."""
        path = path or self._save_name(self.tr("Empty template"), "合作修理厂模板.xlsx")
        if path is None:
            return
        try:
            write_partner_template(path)
        except OSError as error:
            self.message.setText(str(error))
            return
        self.message.setText(self.tr("Template written to %1").replace("%1", str(path)))
