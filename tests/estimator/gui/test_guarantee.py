"""The guarantee in the workstation: the partner registry, the agreed price type by default,
the status line, a certificate issued on approval, and a demo invoice reconciled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.guarantee import Outcome, PartnerAgreement
from estimator.gui.invoice_dialog import InvoiceColumn, InvoiceDialog
from estimator.gui.main_window import MainWindow
from estimator.gui.partners import PartnerColumn
from estimator.services import case_list
from estimator.services.demo import DEMO_USERS, sample_file
from estimator.services.guarantee import certificate_of, save_partner_shop
from estimator.services.invoices import reconciliations
from estimator.services.reports import guarantee_report
from estimator.services.users import User, authenticate
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType

CLAIM_SUBMITTED = "RDAA2026330100000123"
CLAIM_DRAFT = "RDAA2026330100000124"


def _user(demo: Engine, name: str) -> User:
    return authenticate(demo, name, {n: p for n, _d, _r, p in DEMO_USERS}[name])


def _window(qtbot: QtBot, demo: Engine, user: User, tmp_path: Path) -> MainWindow:
    main = MainWindow(
        demo, user, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(main)
    main.show()
    return main


def _estimate_of(demo: Engine, claim_no: str) -> object:
    return next(c.estimate_id for c in case_list.list_cases(demo, claim_no))


def test_approval_issues_a_certificate_and_a_demo_invoice_is_reconciled_to_the_fen(
    qtbot: QtBot, qtmodeltester, demo: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    li = _user(demo, "li")
    main = _window(qtbot, demo, li, tmp_path)
    desk = main.desk
    assert desk is not None and desk.viewer.stored is not None
    assert desk.viewer.stored.estimate.claim_no == CLAIM_SUBMITTED
    assert "Qualifies" in desk.viewer.guarantee.text()  # priced as the partner agreed
    estimate_id = desk.viewer.estimate_id
    assert estimate_id is not None
    assert desk.approve_current("已与修理厂核对")
    certificate = certificate_of(demo, estimate_id)
    assert certificate is not None and certificate.matches

    # The certificate is on the editor's status line once the case is opened.
    main.editor.open(estimate_id)
    assert f"No. {certificate.number}" in main.editor.guarantee.text()
    assert main.editor.invoice_button.isEnabled()
    dialog = main.editor.open_invoice()
    assert isinstance(dialog, InvoiceDialog)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.invoice)

    # Import the shop's demo invoice: matched, over, not on the estimate; the rest not invoiced.
    assert dialog.import_invoice(sample_file("demo_invoice.xlsx"))
    qtmodeltester.check(dialog.reconciled)
    found = {
        dialog.reconciled.line_at(r).item: dialog.reconciled.line_at(r)
        for r in range(dialog.reconciled.rowCount())
    }
    bumper, lamp, washer = found["521190K280"], found["8113006B30"], found["玻璃水"]
    assert (bumper.outcome, bumper.difference, bumper.borne_by) == (
        Outcome.MATCHED,
        Decimal("0.00"),
        "",
    )
    assert (lamp.outcome, lamp.estimate_amount, lamp.invoice_amount, lamp.borne_by) == (
        Outcome.OVER,
        Decimal("2093.84"),
        Decimal("2180.00"),
        "shop",
    )
    assert lamp.difference == Decimal("86.16")
    # Not on the estimate and not confirmed as the customer's: it awaits a supplement, and
    # nobody bears it yet (issue 26.2: never silently the shop's).
    assert (washer.outcome, washer.difference, washer.borne_by) == (
        Outcome.NEEDS_SUPPLEMENT,
        Decimal("35.00"),
        "",
    )
    towing = found["拖车"]
    assert (towing.outcome, towing.estimate_amount, towing.borne_by) == (
        Outcome.NOT_INVOICED,
        Decimal("300.00"),
        "insurer",
    )

    # Enter the towing by hand, below the estimate: under, the insurer's.
    dialog.add_line()
    row = dialog.invoice.rowCount() - 1
    model = dialog.invoice
    assert model.setData(model.index(row, InvoiceColumn.ITEM), "拖车")
    assert not model.setData(model.index(row, InvoiceColumn.QTY), "abc")
    assert model.setData(model.index(row, InvoiceColumn.UNIT_PRICE), "279.995")
    assert model.data(model.index(row, InvoiceColumn.AMOUNT)) == "280.00"  # qty × price, to the fen
    assert model.setData(model.index(row, InvoiceColumn.AMOUNT), "280.01")
    qtbot.waitUntil(
        lambda: any(
            dialog.reconciled.line_at(r).outcome is Outcome.UNDER
            for r in range(dialog.reconciled.rowCount())
        )
    )
    under = next(
        dialog.reconciled.line_at(r)
        for r in range(dialog.reconciled.rowCount())
        if dialog.reconciled.line_at(r).item == "拖车"
    )
    assert (under.outcome, under.difference, under.borne_by) == (
        Outcome.UNDER,
        Decimal("-19.99"),
        "insurer",
    )
    assert "the customer bears 0.00" in dialog.totals.text()
    assert "awaiting a supplement 35.00" in dialog.totals.text()

    # The washer fluid is confirmed with the customer: ticked, it is the customer's own.
    washer_row = next(r for r in range(model.rowCount()) if model.lines()[r].item == "玻璃水")
    own = model.index(washer_row, InvoiceColumn.CUSTOMER_OWN)
    assert model.flags(own) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(own, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: "the customer bears 35.00" in dialog.totals.text())
    outcomes = {dialog.reconciled.line_at(r).outcome for r in range(dialog.reconciled.rowCount())}
    assert outcomes == set(Outcome) - {Outcome.NOT_ON_ESTIMATE, Outcome.NEEDS_SUPPLEMENT}
    assert "the shop bears 86.16" in dialog.totals.text()
    colour = dialog.reconciled.data(dialog.reconciled.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert colour is not None

    assert dialog.save()
    (stored,) = reconciliations(demo, estimate_id)
    assert stored.certificate_number == certificate.number and stored.source == "demo_invoice.xlsx"
    assert stored.borne_by("shop") == Decimal("86.16")
    assert stored.borne_by("customer") == Decimal("35.00")
    today = dt.date.today()
    shop = guarantee_report(demo, today, today).by_shop["丽水某汽修"]
    assert (shop.reconciled, shop.under, shop.shop) == (1, Decimal("-19.99"), Decimal("86.16"))
    assert (shop.customer_own, shop.needs_supplement) == (Decimal("35.00"), Decimal("0.00"))
    assert "Last reconciled" in dialog.last.text()


def test_a_new_part_takes_the_agreed_price_type_and_the_status_says_why_not(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    main = _window(qtbot, demo, _user(demo, "wang"), tmp_path)
    editor = main.editor
    editor.open(_estimate_of(demo, CLAIM_DRAFT))  # type: ignore[arg-type]
    before = editor.lines.rowCount()
    editor.search.setText("8113006B30")  # a headlamp: 灯具, agreed as brand parts
    editor.run_search()
    editor.add_selected(with_labor=False)
    qtbot.waitUntil(lambda: editor.lines.rowCount() == before + 1)
    stored = editor.stored
    assert stored is not None and stored.estimate.price_type is PriceType.OEM_4S
    assert stored.estimate.lines[-1].price_type is PriceType.BRAND
    assert "Qualifies" in editor.guarantee.text()

    # The agreement changes to 4S prices for lamps: the line no longer qualifies, and says why.
    save_partner_shop(
        demo,
        PartnerAgreement(
            "丽水某汽修",
            dt.date(2026, 1, 1),
            dt.date(2028, 12, 31),
            {"外观件": PriceType.OEM_4S, "灯具": PriceType.OEM_4S},
            PriceType.OEM_4S,
        ),
        ShopClass.CLASS1,
        "ZJ",
        "admin",
    )
    editor.reload()
    text = editor.guarantee.text()
    assert "Does not qualify" in text
    assert f"line {before + 1}: 8113006B30 is priced as brand; the agreement says oem_4s" in text


def test_maintainers_see_the_partner_registry(
    qtbot: QtBot, qtmodeltester, demo: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    main = _window(qtbot, demo, _user(demo, "admin"), tmp_path)
    dialog = main.open_partner_registry()
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.shops)
    assert dialog.shops.rowCount() == 2
    names = [dialog.shops.shop_at(r).name for r in range(2)]
    expired = names.index("杭州某丰田4S店")
    valid_to = dialog.shops.index(expired, PartnerColumn.VALID_TO)
    assert dialog.shops.data(valid_to, Qt.ItemDataRole.ForegroundRole) is not None  # in red
    lishui = dialog.shops.index(names.index("丽水某汽修"), PartnerColumn.PRICE_TYPES)
    assert dialog.shops.data(lishui) == "外观件 4S price；灯具 Brand part"
    exported = tmp_path / "registry.xlsx"
    dialog.export_registry(exported)
    assert exported.is_file() and "2" in dialog.message.text()
    dialog.write_template(tmp_path / "template.xlsx")
    assert (tmp_path / "template.xlsx").is_file()
    assessor = _window(qtbot, demo, _user(demo, "wang"), tmp_path)
    assert "&Data" not in [a.text() for a in assessor.menuBar().actions()]


def test_a_new_case_at_a_registered_partner_shop_is_a_partner_case(
    qtbot: QtBot, demo: Engine
) -> None:
    from estimator.gui.dialogs import NewCaseDialog
    from estimator.services.partners import partner_shops

    dialog = NewCaseDialog(None, partner_shops(demo))
    qtbot.addWidget(dialog)
    assert not dialog.partner.isChecked()
    dialog.region.setText("SH")
    dialog.shop_name.setText("杭州某丰田4S店")
    assert dialog.partner.isChecked()
    assert dialog.shop_class.currentData() == ShopClass.FOUR_S and dialog.region.text() == "ZJ"
    assert sorted(dialog.shop_name.completer().model().stringList()) == sorted(  # type: ignore[attr-defined]
        ["丽水某汽修", "杭州某丰田4S店"]
    )
