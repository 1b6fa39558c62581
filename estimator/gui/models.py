"""Table models of the workstation (QAbstractTableModel): cases, estimate lines, part matches."""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from estimator.domain.adjustments import ReviewAdjustment
from estimator.domain.entry_values import Refusal, parse_entry
from estimator.domain.estimate import LineKind
from estimator.domain.pricing import PricedEstimate, PricedLine
from estimator.domain.workflow import EstimateStatus
from estimator.gui.labels import screen_language
from estimator.services.case_list import CaseSummary
from kernel.clock import to_local
from kernel.money import format_price
from parts_catalog.model import PartMatch, PriceType

Index = QModelIndex | QPersistentModelIndex
OVERDUE = QBrush(QColor("#c62828"))


def tr(text: str) -> str:
    """Translate model texts (context: Models)."""
    return QCoreApplication.translate("Models", text)


class RowsModel(QAbstractTableModel):
    """A flat table of rows with translated column headers (shared by the models below)."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None


class CaseColumn(IntEnum):
    """Columns of the case list."""

    CLAIM = 0
    PLATE = 1
    VEHICLE = 2
    SHOP = 3
    STATUS = 4
    TIER = 5
    TOTAL = 6
    DUE = 7


TIER_TEXT = {"on_site": "On site", "standard": "Standard", "teardown": "Teardown"}
STATUS_TEXT = {
    EstimateStatus.DRAFT: "Draft",
    EstimateStatus.SUBMITTED: "Submitted",
    EstimateStatus.RETURNED: "Returned",
    EstimateStatus.APPROVED: "Approved",
    EstimateStatus.SIGNED: "Signed",
    EstimateStatus.CLOSED: "Closed",
}


class CasesModel(RowsModel):
    """Rows: CaseSummary values (latest version of each case), soonest due first."""

    HEADERS = ("Claim no.", "Plate", "Vehicle", "Shop", "Status", "Tier", "Total", "Next due")

    def __init__(self) -> None:
        super().__init__()
        #: Display names (李核损) of the reviewers who hold cases, by username.
        self.names: dict[str, str] = {}

    def set_cases(
        self,
        rows: list[CaseSummary],
        names: dict[str, str] | None = None,
        keep_order: bool = False,
    ) -> None:
        """Replace every row (``names``: display names by username, for who holds a case).
        ``keep_order``: the cases already listed keep their places (the open case does not
        jump while it is edited), new ones come after them; a refresh sorts them again."""
        if names is not None:
            self.names = names
        if keep_order:
            place = {cast(CaseSummary, c).case_id: i for i, c in enumerate(self._rows)}
            last = len(place)
            rows = sorted(rows, key=lambda c: place.get(c.case_id, last))  # stable: new in order
        self.set_rows(rows)

    def case_at(self, row: int) -> CaseSummary:
        """The case on a row."""
        return cast(CaseSummary, self._rows[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self._rows[index.row()]
        column = CaseColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(case, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is CaseColumn.DUE and case.overdue:
            return OVERDUE
        if role == Qt.ItemDataRole.TextAlignmentRole and column is CaseColumn.TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, when a column is narrow
            return self._text(case, column) or None
        return None

    def _text(self, case: CaseSummary, column: CaseColumn) -> str:
        if column is CaseColumn.CLAIM:
            return case.claim_no
        if column is CaseColumn.PLATE:  # a third-party object's row names it (review queue)
            if case.loss_object is None:
                return case.plate
            return case.object_title(screen_language())
        if column is CaseColumn.VEHICLE:
            return case.model_code
        if column is CaseColumn.SHOP:
            return case.shop_name
        if column is CaseColumn.STATUS:
            status = f"{tr(STATUS_TEXT[case.status])} v{case.version_no}"
            if case.sampled:  # an approval within authority drawn for a check
                status = f"{tr('Sample check')} · {status}"
            return (
                f"{status} · "
                f"{tr('in review by %1').replace('%1', self.names.get(case.taken_by, case.taken_by))}"
                if case.taken_by
                else status
            )
        if column is CaseColumn.TIER:
            return tr(TIER_TEXT[case.tier.value]) if case.tier else ""
        if column is CaseColumn.TOTAL:
            return "" if case.total is None else f"{case.total:,.2f}"
        if case.next_due is None:
            return ""
        local = to_local(case.next_due, case.zone)
        mark = tr("overdue") + " " if case.overdue else ""
        if case.due_object is None or case.loss_object is not None:
            return f"{mark}{local:%m-%d %H:%M}"
        # The soonest clock is a third party's: say whose (三者物损1 路政).
        owner = case.due_object.title(screen_language())
        return f"{mark}{local:%m-%d %H:%M} · {owner}"


class LineColumn(IntEnum):
    """Columns of the estimate lines table."""

    NUMBER = 0
    KIND = 1
    NAME = 2
    REFERENCE = 3
    QTY = 4
    PRICE = 5
    AMOUNT = 6
    NOTES = 7


KIND_TEXT = {
    LineKind.PART: "Part",
    LineKind.LABOR: "Labor",
    LineKind.PAINT: "Paint",
    LineKind.MATERIAL: "Material",
    LineKind.SUBLET: "Sublet",
    LineKind.TOWING: "Towing",
}


#: (column, line kind) → the line field an edit of that cell changes. Unit prices, hours and
#: panels are looked up: changing them is an override and needs a reason; the quantity, the
#: material's unit price and the sublet/towing amount were typed in and change freely.
EDITABLE: dict[tuple[int, LineKind], str] = {
    (LineColumn.QTY, LineKind.PART): "qty",
    (LineColumn.QTY, LineKind.MATERIAL): "qty",
    (LineColumn.PRICE, LineKind.PART): "unit_price",
    (LineColumn.PRICE, LineKind.MATERIAL): "unit_price",
    (LineColumn.QTY, LineKind.LABOR): "hours",
    (LineColumn.QTY, LineKind.PAINT): "panels",
    (LineColumn.AMOUNT, LineKind.SUBLET): "amount",
    (LineColumn.AMOUNT, LineKind.TOWING): "amount",
}
#: Fields typed by the assessor: an edit needs no reason.
ENTERED_FIELDS = {
    (LineKind.MATERIAL, "unit_price"),
    (LineKind.SUBLET, "amount"),
    (LineKind.TOWING, "amount"),
}


class EstimateLinesModel(RowsModel):
    """The priced lines of one estimate version, then the paint adjustments.

    Quantities of part and material lines are editable; an edit is not applied here but
    handed to ``on_quantity`` (which runs it as an undoable, saved command)."""

    HEADERS = ("#", "Kind", "Name", "Part no. / component", "Qty", "Price", "Amount", "Notes")

    def __init__(self) -> None:
        super().__init__()
        self.editable = True
        self.review: dict[int, ReviewAdjustment] = {}
        self.on_quantity: Any = None
        self.on_override: Any = None
        #: (position, field, value) of an entered value changed (no reason needed).
        self.on_entered: Any = None
        #: (message) of a typed value refused: said in place, nothing stored.
        self.on_refused: Any = None

    def set_priced(
        self,
        priced: PricedEstimate | None,
        editable: bool,
        review: dict[int, ReviewAdjustment] | None = None,
    ) -> None:
        """Show a priced estimate (None: empty), with the reviewer's amounts if any."""
        self.editable = editable
        self.review = review or {}
        self.set_rows([] if priced is None else [*priced.lines, *priced.adjustments])

    def line_at(self, row: int) -> PricedLine:
        """The priced line on a row."""
        return cast(PricedLine, self._rows[row])

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        line = self._rows[index.row()]
        if self.editable and line.index is not None and (index.column(), line.kind) in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = LineColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ToolTipRole and line.notes:
            return "\n".join(n.text() for n in line.notes)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            LineColumn.QTY,
            LineColumn.PRICE,
            LineColumn.AMOUNT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and line.overridden:
            return QBrush(QColor("#8a4b00"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self._rows[index.row()]
        field = EDITABLE.get((index.column(), line.kind))
        if line.index is None or field is None:
            return False
        number = parse_entry(str(value), field)
        if isinstance(number, Refusal):
            if self.on_refused is not None:
                language = screen_language()
                self.on_refused(number.message(language))
            return False
        if field == "qty":
            if number == line.qty or self.on_quantity is None:
                return False
            self.on_quantity(line.index, number)
        elif (line.kind, field) in ENTERED_FIELDS:
            current = line.unit_price if field == "unit_price" else line.amount
            if number == current or self.on_entered is None:
                return False
            self.on_entered(line.index, field, number)
        else:
            current = getattr(line, field)
            if number == current or self.on_override is None:
                return False
            self.on_override(line.index, field, number)
        return True

    @staticmethod
    def _text(line: PricedLine, column: LineColumn, editing: bool) -> str:
        if column is LineColumn.NUMBER:
            return "" if line.index is None else str(line.index + 1)
        if column is LineColumn.KIND:
            return tr(KIND_TEXT[line.kind])
        if column is LineColumn.NAME:
            return line.description
        if column is LineColumn.REFERENCE:
            return line.part_no or line.component_code
        if column is LineColumn.QTY:
            if line.kind is LineKind.LABOR:
                if line.hours is None:
                    return ""
                return str(line.hours) if editing else f"{line.hours} h"
            if line.kind is LineKind.PAINT and line.panels is not None:
                return f"{line.panels}"
            return (
                ""
                if line.qty is None
                else (format(line.qty.normalize(), "f") if not editing else str(line.qty))
            )
        if column is LineColumn.PRICE:
            price = line.unit_price or line.rate or line.price_per_panel
            if price is None:
                return ""
            return str(price) if editing else format_price(price, grouped=True)
        if column is LineColumn.AMOUNT:
            return str(line.amount) if editing else f"{line.amount:,.2f}"
        return "；".join(n.text() for n in line.notes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == LineColumn.NOTES:
            # The notes in full on hover, as the cell shows them (a reviewed amount's too).
            return self.data(index, Qt.ItemDataRole.DisplayRole) or None
        value = self._data(index, role)
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.isValid()
            and index.column() in (LineColumn.AMOUNT, LineColumn.NOTES)
        ):
            line = cast(PricedLine, self._rows[index.row()])
            adjusted = self.review.get(line.index) if line.index is not None else None
            if adjusted is not None:
                if index.column() == LineColumn.AMOUNT:
                    return f"{line.amount:,.2f} → {adjusted.amount:,.2f}"
                return "；".join(
                    filter(None, [value, tr("Reviewed: %1").replace("%1", adjusted.reason)])
                )
        return value


PRICE_COLUMNS = (PriceType.OEM_4S, PriceType.OEM_MARKET, PriceType.BRAND, PriceType.USED)


class PartMatchesModel(RowsModel):
    """Search results: part number, name, component, fitment, and each price type's price
    for the estimate's region on its pricing date."""

    HEADERS = ("Part no.", "Name", "Component", "Fits", "4S", "Market", "Brand", "Used")

    def __init__(self) -> None:
        super().__init__()
        self.prices: dict[str, dict[PriceType, Decimal]] = {}

    def set_matches(
        self, rows: list[PartMatch], prices: dict[str, dict[PriceType, Decimal]] | None = None
    ) -> None:
        """Replace the results (and their prices)."""
        self.prices = prices or {}
        self.set_rows(rows)

    def match_at(self, row: int) -> PartMatch:
        """The match on a row."""
        return cast(PartMatch, self._rows[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        match = cast(PartMatch, self._rows[index.row()])
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column >= 4:
            price = self.prices.get(match.part_no, {}).get(PRICE_COLUMNS[column - 4])
            return "" if price is None else format_price(price, grouped=True)
        return (
            match.part_no,
            match.name_zh,
            match.component_code,
            "✓" if match.fits_model else "",
        )[column]
