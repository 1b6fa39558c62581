"""The disposal per lot on the flood screen (处置): chosen in the row's dialog with its reason,
the lot's net and the payable following by hand-computed amounts, a sale with a buyer's quote,
refusals that keep what was typed, undo and redo, a choice kept in a saved version, and a choice
that a depth change makes unfit listed while the rest is assessed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.documents.flood_sample import DEMO_DISPOSAL
from estimator.domain.flood_disposal import DisposalChoice, DisposalOption
from estimator.gui.flood import FloodScreen
from estimator.gui.flood_disposal_dialog import FloodDisposalDialog
from estimator.gui.flood_lots_tab import LotColumn
from estimator.services.flood import assess_flood
from estimator.services.flood_cases import list_flood_cases, list_flood_versions
from estimator.services.flood_outcome import outcome
from estimator.services.users import User
from tests.cli.test_flood_lots_cli import INVENTORY, RULES
from tests.conftest import write_workbook
from tests.estimator.gui.test_flood_lots_tab import LOT, chinese, demo_at_70, payable, row_of
from tests.estimator.gui.test_flood_screen import WAIT, screen, text

D = Decimal
WRITE_OFF, SALE, RECONDITION = (
    DisposalOption.WRITE_OFF,
    DisposalOption.DAMAGED_SALE,
    DisposalOption.RECONDITION,
)


def type_chinese(edit: QLineEdit, typed: str) -> None:
    """Type ``typed`` as an input method commits it (QTest types ASCII only)."""
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(typed)
    QApplication.sendEvent(edit, event)


def ok(dialog: FloodDisposalDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    button.click()


#: A lot the water of 70 cm submerges and 30 cm does not: 14 units at ¥2,380 = ¥33,320;
#: written off less 5 % salvage (1,666.00): ¥31,654.00.
UNFIT = ("空调室内机", "KFR-72LW/BP2", "submerged")


def open_dialog(
    qtbot: QtBot, flood: FloodScreen, lot: tuple[str, str, str] = LOT
) -> FloodDisposalDialog:
    """Double-click the lot's disposal cell, as the adjuster does."""
    tab = flood.results.lots_tab
    table = tab.table
    index = table.model().index(row_of(tab.lots, lot), LotColumn.DISPOSAL)
    table.scrollTo(index)
    rect = table.visualRect(index)
    # QTest's double-click alone has no press before it (the view opens on the press's index).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=WAIT)
    assert tab.dialog is not None
    return tab.dialog


def amount(shown: str) -> Decimal:
    return D(shown.replace(",", ""))


def lot_net(flood: FloodScreen, lot: tuple[str, str, str] = LOT) -> Decimal:
    model = flood.results.lots_tab.lots
    return amount(text(model, row_of(model, lot), LotColumn.NET))


def test_a_write_off_with_its_reason_changes_the_net_and_the_payable(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    model = flood.results.lots_tab.lots
    row = row_of(model, LOT)
    # The demo lot: 90 units at ¥1,150 = ¥103,500; reconditioned (assumed) ¥38,250, no salvage.
    assert lot_net(flood) == D("38250.00")
    with chinese():
        assert text(model, row, LotColumn.PROPOSED) == "修复/整理\n38,250.00"
        assert text(model, row, LotColumn.DISPOSAL) == "修复/整理"
    payable_before = amount(payable(flood))
    unchanged = open_dialog(qtbot, flood)
    ok(unchanged)  # the proposal confirmed: nothing recorded, no step to undo
    assert not unchanged.isVisible() and flood.undo_stack.count() == 0 and not flood.busy

    dialog = open_dialog(qtbot, flood)
    # Each option with its net; the cheapest (recondition) proposed; no sale without a price.
    assert dialog.nets[RECONDITION].text() == "38,250.00"
    assert dialog.nets[SALE].text() == "—"
    # Write-off: the lot's value less its salvage at the category's 5 %: 103,500 − 5,175.
    assert dialog.nets[WRITE_OFF].text() == "98,325.00"
    assert dialog.marks[RECONDITION].text() == "Proposed" and dialog.marks[WRITE_OFF].text() == ""
    assert dialog.buttons[RECONDITION].isChecked() and dialog.why.text() == ""
    dialog.buttons[WRITE_OFF].click()
    assert "reason" in dialog.why.text()  # said before OK
    ok(dialog)  # refused without a reason: still open, nothing lost
    assert dialog.isVisible() and dialog.buttons[WRITE_OFF].isChecked()
    assert "a reason is needed" in dialog.why.text()
    # The demo's own disposal sheet: the televisions sold, the fans written off.
    assert flood.disposal_choices == DEMO_DISPOSAL and flood.undo_stack.count() == 0
    dialog.buttons[RECONDITION].click()  # the proposal again: no reason needed
    assert dialog.why.text() == ""
    dialog.buttons[WRITE_OFF].click()
    type_chinese(dialog.reason, "主板受潮锈蚀，厂家不予维修")
    assert dialog.why.text() == ""
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        ok(dialog)
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)

    assert flood.disposal_choices == (
        *DEMO_DISPOSAL,
        DisposalChoice(*LOT, WRITE_OFF, "主板受潮锈蚀，厂家不予维修"),
    )
    row = row_of(model, LOT)
    assert lot_net(flood) == D("98325.00")
    with chinese():
        assert text(model, row, LotColumn.DISPOSAL) == "报废"
        assert text(model, row, LotColumn.PROPOSED) == "修复/整理\n38,250.00"
    tooltip = model.data(model.index(row, LotColumn.DISPOSAL), Qt.ItemDataRole.ToolTipRole)
    assert "主板受潮锈蚀" in tooltip
    # Written off: 103,500 less 5 % salvage (5,175) = 98,325. The net rises by 98,325 − 38,250 =
    # 60,075; under the demo policy (ratio 0.8, deductible 5 % of the loss after the ratio)
    # the payable by 60,075 × 0.8 × 0.95 = 45,657.00.
    assert abs(amount(payable(flood)) - payable_before - D("45657.00")) <= D("0.01")
    expected = outcome(flood.inputs())
    assert flood.settlement == expected.settlement and flood.lots == expected.lots

    # Undo and redo: one step each.
    assert flood.undo_stack.count() == 1
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.undo_action.trigger()
    assert flood.disposal_choices == DEMO_DISPOSAL and lot_net(flood) == D("38250.00")
    assert amount(payable(flood)) == payable_before
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.redo_action.trigger()
    assert lot_net(flood) == D("98325.00")
    # The dialog opens with what was chosen; the proposal chosen again records nothing.
    again = open_dialog(qtbot, flood)
    assert again.buttons[WRITE_OFF].isChecked() and again.reason.text().startswith("主板")
    again.buttons[RECONDITION].click()
    again.reason.clear()
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        ok(again)
    assert flood.disposal_choices == DEMO_DISPOSAL and lot_net(flood) == D("38250.00")
    assert flood.undo_stack.count() == 2


def test_a_sale_with_a_buyers_quote_and_bad_prices_refused(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    # From the keyboard: Return on the lot's disposal cell opens its dialog.
    tab = flood.results.lots_tab
    assert not tab.dispose_button.isEnabled()  # no lot selected yet
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.lots.index(row_of(tab.lots, LOT), LotColumn.PROPOSED))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=WAIT)
    dialog = tab.dialog
    assert dialog is not None and dialog.assessed.lot.key == LOT
    assert tab.dispose_button.isEnabled()
    dialog.buttons[SALE].click()
    ok(dialog)  # no price: refused, and said why
    assert dialog.isVisible() and "discount rate or a buyer's quote" in dialog.why.text()
    for typed, why in (("abc", "Buyer's quote"), ("-5", "Buyer's quote")):
        dialog.quote.setText(typed)
        ok(dialog)
        assert dialog.isVisible() and why in dialog.why.text(), typed
        assert dialog.quote.text() == typed  # what was typed stays
    dialog.quote.clear()
    dialog.rate.setText("1.5")
    ok(dialog)
    assert dialog.isVisible() and "between 0 and 1" in dialog.why.text()
    # A rate of 0.4: ¥103,500 × 0.4 = ¥41,400 lost, dearer than reconditioning (needs a reason).
    dialog.rate.setText("0.4")
    assert dialog.nets[SALE].text() == "41,400.00"
    assert dialog.marks[RECONDITION].text() == "Proposed"
    assert "reason" in dialog.why.text()
    # A buyer's quote of ¥70,000 wins over the rate: 103,500 − 70,000 = 33,500, the cheapest,
    # so the sale is proposed and needs no reason.
    qtbot.keyClicks(dialog.quote, "70,000")
    assert dialog.nets[SALE].text() == "33,500.00"
    assert dialog.marks[SALE].text() == "Proposed" and dialog.marks[RECONDITION].text() == ""
    assert dialog.why.text() == ""
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        ok(dialog)
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    assert flood.disposal_choices == (
        *DEMO_DISPOSAL,
        DisposalChoice(*LOT, SALE, "", D("0.4"), D("70000")),
    )
    assert lot_net(flood) == D("33500.00")
    model = flood.results.lots_tab.lots
    with chinese():
        row = row_of(model, LOT)
        assert text(model, row, LotColumn.DISPOSAL) == "处理品销售"
        assert text(model, row, LotColumn.PROPOSED) == "处理品销售\n33,500.00"


def test_choices_are_saved_in_the_version_and_opened_again(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    dialog = open_dialog(qtbot, flood)
    dialog.buttons[WRITE_OFF].click()
    type_chinese(dialog.reason, "无维修价值")
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        ok(dialog)
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    flood.inputs_panel.claim_no.setText("RQJC2026440100000999")
    assert flood.save_version()
    choices, lots, settlement, shown = (
        flood.disposal_choices,
        flood.lots,
        flood.settlement,
        payable(flood),
    )
    flood.close()

    (case,) = list_flood_cases(demo)
    (version,) = list_flood_versions(demo, case.id)
    again = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(again.assessed, timeout=WAIT):
        again.open_version(version.id)
    assert again.disposal_choices == choices and again.lots == lots
    assert again.settlement == settlement and payable(again) == shown
    assert lot_net(again) == D("98325.00")


def test_a_choice_a_depth_change_makes_unfit_is_listed_and_kept(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    dialog = open_dialog(qtbot, flood, UNFIT)
    dialog.buttons[WRITE_OFF].click()
    type_chinese(dialog.reason, "无维修价值")
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        ok(dialog)
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    chosen = flood.disposal_choices
    # At 30 cm nothing of KFR-72LW/BP2 is submerged: the choice is listed, the rest assessed.
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.site_depth.setValue(30)
    problems = flood.inputs_panel.problems
    reasons = [text(problems, r, 2) for r in range(problems.rowCount())]
    assert any("KFR-72LW/BP2" in r for r in reasons), reasons
    (listed,) = [r for r in range(problems.rowCount()) if "KFR-72LW/BP2" in reasons[r]]
    # Entered on the screen: it is in the lots tab, not in a workbook's sheet.
    assert text(problems, listed, 0) == "Lots and tests · SKU"
    with chinese():
        assert text(problems, listed, 0) == "批次与检测 · 商品编码"
    assert flood.assessment is not None and flood.lots
    assert UNFIT not in {a.lot.key for a in flood.lots}
    assert flood.disposal_choices == chosen  # kept, not lost
    flood.inputs_panel.claim_no.setText("RQJC2026440100000998")
    assert not flood.save_version()  # the service refuses it, and says why
    assert "KFR-72LW/BP2" in flood.message.text()
    # Back at 70 cm the choice fits again and applies.
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.site_depth.setValue(70)
    assert flood.inputs_panel.problems.errors() == 0 and lot_net(flood, UNFIT) == D("31654.00")


def test_the_workbooks_disposal_sheet_and_default_discount_reach_the_screen(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    rules_rows = [[*RULES[0], "damaged_discount"], [*RULES[1], "0.1"]]
    rules_rows += [[*row, None] for row in RULES[2:]]
    disposal = [
        ["category", "sku", "state", "choice", "reason", "discount_rate", "quote"],
        ["indoor", "KFR-35", "partial", None, None, "0.5", 14000],
        ["indoor", "KFR-35", "collapsed", "报废", "纸箱压溃、客户拒收", None, None],
    ]
    inventory = write_workbook(tmp_path / "i.xlsx", {"inventory": INVENTORY, "disposal": disposal})
    rules = write_workbook(tmp_path / "r.xlsx", {"rules": rules_rows})
    flood = screen(qtbot, demo, assessor, tmp_path)
    flood.inputs_panel.inventory_path.setText(str(inventory))
    flood.inputs_panel.rules_path.setText(str(rules))
    flood.inputs_panel.zones_path.setText("")
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.load_button.click()
    flood.inputs_panel.use_zones.setChecked(False)
    flood.inputs_panel.site_depth.setValue(70)
    qtbot.waitUntil(
        lambda: (
            not flood.busy
            and flood.assessment is not None
            and flood.assessment.depth.site_cm == D(70)
        ),
        timeout=WAIT,
    )
    assert flood.damaged_discounts == {"indoor": D("0.1")}
    assert flood.disposal_choices == (
        DisposalChoice("indoor", "KFR-35", "partial", None, "", D("0.5"), D("14000")),
        DisposalChoice("indoor", "KFR-35", "collapsed", WRITE_OFF, "纸箱压溃、客户拒收"),
    )
    service = assess_flood(inventory, rules, depth_cm=D("70"))
    assert flood.lots == service.lots
    model = flood.results.lots_tab.lots
    with chinese():
        shown = {
            model.lot_at(r).lot.key: text(model, r, LotColumn.DISPOSAL)
            for r in range(model.rowCount())
        }
    # The quote (16,000 − 14,000 = 2,000) undercuts reconditioning; the write-off is chosen.
    assert shown[("indoor", "KFR-35", "partial")] == "处理品销售"
    assert shown[("indoor", "KFR-35", "collapsed")] == "报废"
    # The dialog opens with the sheet's row: its rate, its quote, its reason.
    tab = flood.results.lots_tab
    dialog = tab.choose(row_of(model, ("indoor", "KFR-35", "collapsed")))
    assert dialog is not None and dialog.buttons[WRITE_OFF].isChecked()
    assert dialog.reason.text() == "纸箱压溃、客户拒收"
    dialog.reject()
    sale = tab.choose(row_of(model, ("indoor", "KFR-35", "partial")))
    assert sale is not None and sale.buttons[SALE].isChecked()
    assert (sale.rate.text(), sale.quote.text()) == ("0.5", "14000")
    assert sale.nets[SALE].text() == "2,000.00"
    sale.reject()
    assert flood.undo_stack.count() == 0


def test_the_dialog_in_chinese_marks_the_proposal(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    assessed = flood.lots[row_of(flood.results.lots_tab.lots, LOT)]
    with chinese():
        dialog = FloodDisposalDialog(assessed, D("0.05"), None, None, "zh")
        qtbot.addWidget(dialog)
        assert [b.text() for b in dialog.buttons.values()] == ["修复/整理", "处理品销售", "报废"]
        assert dialog.marks[RECONDITION].text() == "建议"
        dialog.buttons[WRITE_OFF].click()
        assert dialog.why.text() == "所选不是建议的处置：须填写理由。"
        dialog._accept()
        assert dialog.choice is None and "须填写理由" in dialog.why.text()
