"""``estimator estimate import FILE --case ID`` and ``estimator case objects ID [--json]``
(settlement.md, Contract): a document's ``object`` joins an existing case, the case lists
its objects in the user's language, a refusal is told by its path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from estimator.cli.main import main
from tests.conftest import write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS
from tests.services.documents import document

RAIL = {"kind": "third_party_property", "index": 0, "owner": "丽水市公路管理局"}
RAIL_LINES = [
    {"kind": "material", "description": "波形护栏板", "qty": "3", "unit_price": "420.00"},
    {"kind": "sublet", "description": "吊装", "amount": "300"},
]


@pytest.fixture
def case_id(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """A case imported by the assessor wang (its insured vehicle: 6,454.00)."""
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "first admin pw")
    assert main(["--db", db_url, "user", "add", "admin", "--role", "admin"]) == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "first admin pw")
    catalog = write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    labor = write_workbook(tmp_path / "l.xlsx", labor_rows.sheets())
    assert main(["--db", db_url, "catalog", "import", str(catalog), "--as", "admin"]) == 0
    assert main(["--db", db_url, "labor", "import", str(labor), "--as", "admin"]) == 0
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "assessor pw 1")
    assert main(["--db", db_url, "user", "add", "wang", "--role", "assessor", "--as", "admin"]) == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "assessor pw 1")
    capsys.readouterr()
    assert _import(db_url, tmp_path, document()) == 0
    return _case_of(capsys.readouterr().out)


def _case_of(printed: str) -> str:
    """The case id the first printed line names."""
    found = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", printed)
    assert found is not None, printed
    return found.group(0)


def rail_document() -> dict[str, object]:
    """The guard rail as a property item: free lines, no parts salvage."""
    doc = document(object=RAIL, lines=RAIL_LINES)
    del doc["salvage"]
    return doc


def _import(db_url: str, tmp_path: Path, doc: dict[str, object], *more: str) -> int:
    path = tmp_path / f"doc{len(list(tmp_path.glob('doc*.json')))}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return main(["--db", db_url, "estimate", "import", str(path), *more, "--as", "wang"])


def test_a_property_item_joins_the_case_and_the_case_lists_both(
    db_url: str, tmp_path: Path, case_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rail = rail_document()
    assert _import(db_url, tmp_path, rail, "--case", case_id) == 0
    added = capsys.readouterr().out.strip().splitlines()
    assert case_id in added[0] and len(added[-1]) == 36  # the new version's id alone, last
    assert main(["--db", db_url, "case", "objects", case_id, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(o["kind"], o["index"], o["version_no"], o["total"]) for o in listed["objects"]] == [
        ("insured_vehicle", 0, 1, "6454.00"),
        ("third_party_property", 0, 1, "1560.00"),  # 3 x 420 + 300
    ]
    assert listed["total"] == "8014.00" and listed["objects"][1]["estimate_id"] == added[-1]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "zh",
            (
                "标的车 浙K12345",
                "三者物损1 丽水市公路管理局",
                "第 1 版",
                "草稿",
                "案件合计",
                "8,014.00",
            ),
        ),
        ("en", ("insured vehicle 浙K12345", "third-party property 1", "version 1", "case total")),
    ],
)
def test_case_objects_prints_a_table_in_the_users_language(
    db_url: str,
    tmp_path: Path,
    case_id: str,
    language: str,
    words: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _import(db_url, tmp_path, rail_document(), "--case", case_id) == 0
    monkeypatch.setenv("ESTIMATOR_LANG", language)
    capsys.readouterr()
    assert main(["--db", db_url, "case", "objects", case_id]) == 0
    printed = capsys.readouterr().out
    assert all(word in printed for word in words), printed


def test_a_parts_line_on_property_is_refused_by_its_path(
    db_url: str, tmp_path: Path, case_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _import(db_url, tmp_path, document(object=RAIL), "--case", case_id) == 1
    told = capsys.readouterr().err
    assert "lines[0].kind" in told
    assert main(["--db", db_url, "case", "objects", case_id, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["objects"]) == 1


def _objects(db_url: str, case_id: str, capsys: pytest.CaptureFixture[str]) -> list[Any]:
    capsys.readouterr()
    assert main(["--db", db_url, "case", "objects", case_id, "--json"]) == 0
    listed: list[Any] = json.loads(capsys.readouterr().out)["objects"]
    return listed


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in Chinese, as the workstation's users read them."""
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")


def _edit(db_url: str, *words: str) -> int:
    return main(["--db", db_url, "case", *words, "--as", "wang"])


@pytest.mark.usefixtures("chinese")
def test_case_objects_names_each_objects_id(
    db_url: str, tmp_path: Path, case_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(db_url, tmp_path, rail_document(), "--case", case_id) == 0
    ids = [o["object_id"] for o in _objects(db_url, case_id, capsys)]
    assert len(set(ids)) == 2 and all(len(i) == 36 for i in ids)
    assert main(["--db", db_url, "case", "objects", case_id]) == 0
    printed = capsys.readouterr().out
    assert f"标的编号 {ids[1]}" in printed and f"标的编号 {ids[0]}" in printed


@pytest.mark.usefixtures("chinese")
def test_object_edit_changes_a_property_item_then_object_remove_removes_it(
    db_url: str, tmp_path: Path, case_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(db_url, tmp_path, rail_document(), "--case", case_id) == 0
    rail = _objects(db_url, case_id, capsys)[1]["object_id"]
    assert _edit(db_url, "object-edit", rail, "--owner", "丽水市交通局") == 0
    assert "已修改 三者物损1 丽水市交通局" in capsys.readouterr().out
    listed = _objects(db_url, case_id, capsys)
    assert listed[1]["title"] == "三者物损1 丽水市交通局"
    assert _edit(db_url, "object-remove", rail) == 0
    assert "已删除 三者物损1 丽水市交通局" in capsys.readouterr().out
    assert [o["kind"] for o in _objects(db_url, case_id, capsys)] == ["insured_vehicle"]


@pytest.mark.usefixtures("chinese")
def test_object_edit_changes_a_vehicles_plate_and_shop(
    db_url: str, tmp_path: Path, case_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    vehicle = {"plate": "浙B11111", "model_code": "TY-CAMRY-18", "paint_type": "solid"}
    doc = document(object={"kind": "third_party_vehicle", "index": 0}, vehicle=vehicle)
    assert _import(db_url, tmp_path, doc, "--case", case_id) == 0
    car = _objects(db_url, case_id, capsys)[1]["object_id"]
    assert _edit(db_url, "object-edit", car, "--plate", "浙B22222", "--shop", "乙修理厂") == 0
    assert "已修改 三者车1 浙B22222" in capsys.readouterr().out
    assert _objects(db_url, case_id, capsys)[1]["title"] == "三者车1 浙B22222"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh", ("三者物损1 丽水市公路管理局 没有 --plate",)),
        ("en", ("third-party property 1 丽水市公路管理局 has no --plate",)),
    ],
)
def test_object_edit_refuses_a_vehicles_fields_on_property_in_words(
    db_url: str,
    tmp_path: Path,
    case_id: str,
    language: str,
    words: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _import(db_url, tmp_path, rail_document(), "--case", case_id) == 0
    rail = _objects(db_url, case_id, capsys)[1]["object_id"]
    monkeypatch.setenv("ESTIMATOR_LANG", language)
    assert _edit(db_url, "object-edit", rail, "--plate", "浙A1") == 1
    told = capsys.readouterr().err
    assert all(word in told for word in words), told
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert _objects(db_url, case_id, capsys)[1]["title"] == "三者物损1 丽水市公路管理局"


@pytest.mark.usefixtures("chinese")
def test_object_commands_refuse_the_insured_vehicle_a_submitted_object_and_no_object(
    db_url: str, tmp_path: Path, case_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(db_url, tmp_path, rail_document(), "--case", case_id) == 0
    insured, rail = (o["object_id"] for o in _objects(db_url, case_id, capsys))
    assert _edit(db_url, "object-remove", insured) == 1
    assert "标的车不能删除" in capsys.readouterr().err
    assert _edit(db_url, "object-edit", rail) == 1
    assert "请至少指定一项" in capsys.readouterr().err
    assert _edit(db_url, "object-edit", "not-an-id", "--owner", "某人") == 1
    assert "没有损失标的 not-an-id" in capsys.readouterr().err
    version = _objects(db_url, case_id, capsys)[1]["estimate_id"]
    assert main(["--db", db_url, "estimate", "submit", version, "--as", "wang"]) == 0
    capsys.readouterr()
    assert _edit(db_url, "object-edit", rail, "--owner", "某人") == 1
    assert "已提交或已核定" in capsys.readouterr().err
    assert _edit(db_url, "object-remove", rail) == 1
    assert "已提交过估损单，不能删除" in capsys.readouterr().err
    assert len(_objects(db_url, case_id, capsys)) == 2
