"""Table models of the flood screen: category results, sampling plan, zone depths, problems,
saved cases. Amounts stay Decimal; they are formatted only for display."""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any, cast

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from estimator.domain.entry_values import Refusal, parse_entry
from estimator.domain.flood import CategoryAssessment, SampleDraw, Totals
from estimator.domain.flood_disposal import DISPOSAL_SHEET
from estimator.domain.flood_lots import TESTS_SHEET
from estimator.gui.models import OVERDUE, Index, RowsModel, tr
from estimator.services.flood_cases import FloodCase
from kernel.problems import Language, Problem

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def money(value: Decimal) -> str:
    """An amount as shown: grouped, two decimals."""
    return f"{value:,.2f}"


class CategoryColumn(IntEnum):
    """Columns of the per-category results."""

    CATEGORY = 0
    UNITS = 1
    WET = 2
    SAMPLE = 3
    LOSS = 4
    SALVAGE = 5
    NET = 6


class FloodCategoriesModel(RowsModel):
    """Rows: CategoryAssessment values, the categories' results over the site, and below
    them the site's totals (合计, bold) when given: the model's last row, never sorted."""

    HEADERS = ("Category", "Units", "Wet units", "Sample size", "Loss", "Salvage", "Net")

    def __init__(self) -> None:
        super().__init__()
        self.totals: Totals | None = None

    def set_rows(self, rows: list[Any], totals: Totals | None = None) -> None:
        """Replace every row; ``totals`` is shown below them (none: no totals row)."""
        self.beginResetModel()
        self._rows = rows
        self.totals = totals if rows else None
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        if parent.isValid():
            return 0
        return len(self._rows) + (0 if self.totals is None else 1)

    def is_totals(self, row: int) -> bool:
        """Whether ``row`` is the totals row."""
        return self.totals is not None and row == len(self._rows)

    def category_at(self, row: int) -> CategoryAssessment:
        """The category on a row (not the totals row)."""
        return cast(CategoryAssessment, self._rows[row])

    def _totals_data(self, t: Totals, column: CategoryColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not CategoryColumn.CATEGORY:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            tr("Site total"),
            f"{t.units:,}",
            f"{t.wet_units:,}",
            "",  # sample sizes are per lot of a category; they do not add up
            money(t.loss),
            money(t.salvage),
            money(t.net),
        )[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = CategoryColumn(index.column())
        if self.is_totals(index.row()):
            assert self.totals is not None
            return self._totals_data(self.totals, column, role)
        c = self.category_at(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not CategoryColumn.CATEGORY:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column is CategoryColumn.WET:
            return (
                tr("%1 collapsed, %2 written off")
                .replace("%1", str(c.collapsed_units))
                .replace("%2", str(c.written_off_units))
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            c.category,
            f"{c.units:,}",
            f"{c.wet_units:,}",
            f"{c.sample_size:,}",
            money(c.loss),
            money(c.salvage),
            money(c.net),
        )[column]


class SamplingPlanModel(RowsModel):
    """Rows: SampleDraw values, how many units to test from each wet stack."""

    HEADERS = ("Category", "Location", "Wet units", "Units to test")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        draw = cast(SampleDraw, self._rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (draw.category, draw.location, f"{draw.wet_units:,}", f"{draw.draw:,}")[
            index.column()
        ]


class ZoneDepthsModel(RowsModel):
    """Rows: [zone, depth in cm or None]; the depth is edited in place (blank: site depth);
    a depth that is not a plain number within bounds is refused with ``refused(why)``."""

    HEADERS = ("Zone", "Depth (cm)")
    changed = Signal()
    refused = Signal(str)

    def set_zones(self, zones: list[str], depths: dict[str, Decimal]) -> None:
        """One row per zone, with its depth when known."""
        self.set_rows([[zone, depths.get(zone)] for zone in zones])

    def depths(self) -> dict[str, Decimal]:
        """The zones that have a depth of their own."""
        return {zone: depth for zone, depth in self._rows if depth is not None}

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 1:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        zone, depth = self._rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return RIGHT
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return zone
            return "" if depth is None else format(depth.normalize(), "f")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 1:
            return False
        text = str(value).strip().removesuffix("cm").strip()
        depth = parse_entry(text, "depth") if text else None
        if isinstance(depth, Refusal):
            self.refused.emit(depth.message("zh" if QLocale().name().startswith("zh") else "en"))
            return False
        self._rows[index.row()][1] = depth
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


#: The sheets whose rows may also be entered on the screen (a problem without a row: there).
ON_SCREEN = (TESTS_SHEET, DISPOSAL_SHEET)


class ProblemsModel(RowsModel):
    """Rows: Problem values of the workbooks and inputs, with where, what and why."""

    HEADERS = ("Where", "Value", "Why")

    def __init__(self, language: Language = "zh") -> None:
        super().__init__()
        self.language: Language = language

    def problem_at(self, row: int) -> Problem:
        """The problem on a row."""
        return cast(Problem, self._rows[row])

    def errors(self) -> int:
        """How many rows are errors (not notes)."""
        return sum(1 for p in self._rows if p.severity == "error")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.problem_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE if p.severity == "error" else QBrush(QColor("#555555"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.describe(self.language)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            if p.row is None and p.sheet in ON_SCREEN:
                return self._on_screen(p)
            where = [p.path or "", p.sheet or ""]
            if p.row is not None:
                where.append(tr("row %1").replace("%1", str(p.row)))
            if p.column:
                where.append(p.column)
            return " · ".join(w for w in where if w)
        if index.column() == 1:
            return "" if p.value in (None, "") else str(p.value)
        mark = "" if p.severity == "error" else tr("Note: ")
        return mark + p.reason(self.language)

    @staticmethod
    def _on_screen(p: Problem) -> str:
        """Where a test result or a disposal entered on the screen is: the lots tab, and the
        column as a word of the UI's language (not the sheet's key)."""
        words = {
            "sku": tr("SKU"),
            "tested": tr("Tested"),
            "failed": tr("Failed"),
            "choice": tr("Disposal"),
            "reason": tr("Reason"),
            "discount_rate": tr("Discount rate"),
            "quote": tr("Buyer's quote"),
        }
        column = words.get(p.column or "", p.column or "")
        return " · ".join(w for w in (tr("Lots and tests"), column) if w)


class FloodCasesModel(RowsModel):
    """Rows: FloodCase values, the saved flood cases."""

    HEADERS = ("Claim no.", "Insured", "Site", "Versions", "Net")

    def case_at(self, row: int) -> FloodCase:
        """The case on a row."""
        return cast(FloodCase, self._rows[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.case_at(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        net = "" if c.net is None else money(c.net)
        return (c.claim_no, c.insured_name, c.site, str(c.versions), net)[index.column()]
