"""The payout estimate of a case with several loss objects (settlement.md, Payout estimate),
and the sheet of a third-party object, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import Role
from estimator.services import documents, loss_objects, settlement, workflow
from tests.services.conftest import make_team
from tests.services.documents import document
from tests.services.test_settlement import imported, priced_at
from tests.services.test_sheet_services import needs_poppler

TP_VEHICLE = {"plate": "浙B11111", "model_code": "TY-CAMRY-18", "paint_type": "solid"}


def three_objects(engine: Engine) -> tuple[str, str, str]:
    """A two-vehicle case with a guard rail: the insured vehicle (repair 8,000.00, rescue
    500.00, the policy of tests/services/test_settlement.py), the other vehicle (1,200.00)
    and the rail (2 × 1,400.00); (insured, vehicle, rail) version ids."""
    insured = imported(engine, priced_at("8000.00", "500.00"))
    vehicle = document(
        object={"kind": "third_party_vehicle", "index": 0},
        vehicle=TP_VEHICLE,
        salvage="0.00",
        lines=[{"kind": "sublet", "description": "钣金喷漆外包", "amount": "1200.00"}],
    )
    rail = document(
        object={"kind": "third_party_property", "index": 0, "owner": "路政"},
        salvage="0.00",
        lines=[{"kind": "material", "description": "护栏板", "qty": "2", "unit_price": "1400"}],
    )
    ids = [str(insured.estimate_id)]
    for doc in (vehicle, rail):
        made = loss_objects.import_into_case(
            engine, json.dumps(doc, ensure_ascii=False), str(insured.case_id), actor="wang"
        )
        assert made.problems == [] and made.estimate_id is not None
        ids.append(str(made.estimate_id))
    return ids[0], ids[1], ids[2]


def test_every_object_is_paid_and_third_parties_share_the_compulsory_limit(
    priced_db: Engine,
) -> None:
    """Hand figures: the insured vehicle as before (4,050.00 payable). The third parties'
    losses (1,200.00 + 2,800.00 = 4,000.00) exceed this policy's compulsory limit of 2,000.00
    (the insured bears liability), shared in proportion: 600.00 and 1,400.00; then 70 %
    of the rest: (1,200 − 600) × 0.70 = 420.00 and (2,800 − 1,400) × 0.70 = 980.00, within
    the third-party limit, no deductible. The case: 4,050 + 420 + 980 = 5,450.00."""
    insured, vehicle, rail = three_objects(priced_db)
    for asked in (insured, vehicle, rail):  # the same case, whichever version is asked
        payout = settlement.payout_for(priced_db, asked)
        steps = [
            (o.kind, o.loss, o.compulsory_paid, o.commercial_paid, o.deductible, o.payable)
            for o in payout.objects
        ]
        assert steps == [
            (
                ObjectKind.INSURED_VEHICLE,
                Decimal("8500.00"),
                Decimal("2000.00"),
                Decimal("4550.00"),
                Decimal("500.00"),
                Decimal("4050.00"),
            ),
            (
                ObjectKind.THIRD_PARTY_VEHICLE,
                Decimal("1200.00"),
                Decimal("600.00"),
                Decimal("420.00"),
                Decimal("0.00"),
                Decimal("420.00"),
            ),
            (
                ObjectKind.THIRD_PARTY_PROPERTY,
                Decimal("2800.00"),
                Decimal("1400.00"),
                Decimal("980.00"),
                Decimal("0.00"),
                Decimal("980.00"),
            ),
        ]
        assert payout.payable == Decimal("5450.00") and payout.provisional
        assert [o.version_no for o in payout.objects] == [1, 1, 1]
        assert payout.unapproved_versions("en") == (
            "insured vehicle version 1, third-party vehicle 1 version 1, "
            "third-party property 1 version 1"
        )
    listed = settlement.payout_for(priced_db, rail).to_json()["objects"]
    assert [(o["kind"], o["index"], o["actual_value"]) for o in listed] == [  # type: ignore[index]
        ("insured_vehicle", 0, "109800.00"),
        ("third_party_vehicle", 0, None),  # a third party's value is not on this policy
        ("third_party_property", 0, None),
    ]


@needs_poppler
def test_a_third_partys_sheet_names_its_object_and_lists_every_objects_payout(
    priced_db: Engine, tmp_path: Path
) -> None:
    """The two-object (here three-object) case's sheets, read back with pdftotext: the rail's
    sheet names the rail and prints no flood record (the insured vehicle's); every sheet's
    预估赔款 lists every object and the case's payable."""
    insured, vehicle, rail = three_objects(priced_db)
    rail_text = _text(priced_db, rail, tmp_path)
    assert "损失标的：三者物损1路政" in rail_text and "护栏板" in rail_text
    assert "水淹" not in rail_text
    # Its lines are the property damaged, under a heading of their own, not 辅料 (materials).
    assert "一、物损项目" in rail_text and "物损项目合计2,800.00" in rail_text
    assert "辅料" not in rail_text
    # The actual value is the insured vehicle's: named so on a third party's sheet.
    assert "标的车实际价值：" in rail_text and "标的车维修及施救费用" in rail_text
    assert "损失标的：三者车1浙B11111" in _text(priced_db, vehicle, tmp_path)
    insured_text = _text(priced_db, insured, tmp_path)
    assert "损失标的：" not in insured_text and "水淹" in insured_text
    for text in (rail_text, insured_text):
        assert all(name in text for name in ("标的车", "三者车1", "三者物损1")), text
        assert "5,450.00" in text
        # Provisional: priced from each object's draft, named by object, not "第1版" alone.
        assert "按标的车第1版、三者车1第1版、三者物损1第1版估损金额计算" in text


def _text(engine: Engine, estimate: str, tmp_path: Path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(documents.estimate_sheet(engine, estimate, language="zh"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", text)


def test_a_third_partys_approval_notice_names_its_version_and_the_others_not_approved(
    priced_db: Engine,
) -> None:
    """The rail approved while both vehicles are drafts: the notice names the rail's version
    by its object and says which versions the expected payment still rests on."""
    team = make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER})
    _insured, _vehicle, rail = three_objects(priced_db)
    workflow.submit(priced_db, rail, team["wang"])
    workflow.approve(priced_db, rail, team["li"], "已核对")
    notice = workflow.approval_notice(priced_db, rail)
    assert "三者物损1第1版估损单已核定" in notice.to_shop
    for text in (notice.to_customer, notice.to_shop):
        assert (
            "预估赔款 ¥5,450.00（伍仟肆佰伍拾元整），其中标的车第1版、三者车1第1版尚未核定" in text
        )
