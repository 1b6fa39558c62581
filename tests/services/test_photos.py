from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.services import estimate_store
from estimator.services.audit import case_history
from estimator.services.photos import attach_photo, list_photos, photo_bytes
from tests.services.documents import document

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def case_id(priced_db: Engine):  # type: ignore[no-untyped-def]
    created = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    return created.case_id


def test_photos_are_stored_once_by_content_hash_and_audited(
    priced_db: Engine, case_id, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "front.png"
    first.write_bytes(PNG)
    same = tmp_path / "front-again.png"
    same.write_bytes(PNG)
    a = attach_photo(priced_db, case_id, first, "wang")
    b = attach_photo(priced_db, case_id, same, "wang")
    assert a.sha256 == b.sha256 and a.content_type == "image/png"
    assert [p.filename for p in list_photos(priced_db, case_id)] == ["front.png", "front-again.png"]
    assert photo_bytes(priced_db, a.sha256) == PNG
    with priced_db.begin() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM photo_blobs").fetchone() == (1,)
    assert [e.action for e in case_history(priced_db, case_id)].count("attach_photo") == 2
