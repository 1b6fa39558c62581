"""Data → Correct part… (maintainers): find a part, correct it, and when another maintainer
saved the part first, see what they changed against one's own values, then re-apply or
discard; a server out of reach or a refused write keeps the values in the form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui import part_correction
from estimator.gui.main_window import MainWindow
from estimator.gui.part_correction import PartCorrectionDialog
from estimator.persistence.database import DatabaseUnavailable, create_database_engine
from estimator.persistence.uow import StorageError
from estimator.services.catalog import correct_part, part_for_edit, search_parts
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate
from kernel.problems import Problem


def _user(demo: Engine, name: str) -> User:
    return authenticate(demo, name, {n: p for n, _d, _r, p in DEMO_USERS}[name])


@pytest.fixture
def second(demo: Engine) -> Iterator[Engine]:
    other = create_database_engine(demo.url)
    yield other
    other.dispose()


def _window(qtbot: QtBot, demo: Engine, user: User, tmp_path: Path) -> MainWindow:
    main = MainWindow(
        demo, user, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(main)
    return main


def _dialog(qtbot: QtBot, demo: Engine, tmp_path: Path) -> PartCorrectionDialog:
    main = _window(qtbot, demo, _user(demo, "admin"), tmp_path)
    main.correct_part_action.trigger()
    dialog = main.findChild(PartCorrectionDialog)
    assert isinstance(dialog, PartCorrectionDialog) and dialog.isVisible()
    return dialog


def _open_headlamp(dialog: PartCorrectionDialog) -> str:
    assert not dialog.save_button.isEnabled()  # nothing to save before a part is open
    dialog.finder.setText("左前大灯")
    assert dialog.found.count() >= 1
    first = search_parts(dialog.engine, "左前大灯")[0]
    dialog.open_typed()  # Enter: the first part found
    assert dialog.base is not None and dialog.base.part_no == first.part_no
    assert dialog.name_zh.text() == first.name_zh and dialog.save_button.isEnabled()
    return first.part_no


def test_only_maintainers_have_the_correction_in_the_data_menu(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    admin = _window(qtbot, demo, _user(demo, "admin"), tmp_path)
    data = next(a.menu() for a in admin.menuBar().actions() if a.text() == "&Data")
    assert admin.correct_part_action in data.actions()
    assessor = _window(qtbot, demo, _user(demo, "wang"), tmp_path)
    assert not hasattr(assessor, "correct_part_action")


def test_a_part_found_by_search_is_corrected_and_found_by_its_new_name(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo, tmp_path)
    number = _open_headlamp(dialog)
    dialog.name_zh.setText("左前大灯总成带透镜")
    dialog.salvage.setText("0.15")
    dialog.recover.setChecked(True)
    assert dialog.save()
    assert "version 2" in dialog.message.text() and "version 2" in dialog.part.text()
    stored = part_for_edit(demo, number)
    assert (stored.name_zh, str(stored.salvage_rate), stored.recover_old_part) == (
        "左前大灯总成带透镜",
        "0.1500",
        True,
    )
    assert number in [m.part_no for m in search_parts(demo, "透镜")]
    assert number in [m.part_no for m in search_parts(demo, "zqddzcdtj")]
    # By number (with separators) straight from the finder.
    dialog.finder.setText(number[:3] + "-" + number[3:])
    dialog.open_typed()
    assert dialog.base == stored


def test_an_invalid_value_is_refused_and_the_form_keeps_it(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo, tmp_path)
    number = _open_headlamp(dialog)
    dialog.salvage.setText("1.2")
    assert not dialog.save()
    assert "salvage rate: must not be more than 1" in dialog.message.text()
    assert dialog.salvage.text() == "1.2"
    assert part_for_edit(demo, number).row_version == 1


def test_a_refused_save_shows_theirs_and_mine_and_is_reapplied(
    qtbot: QtBot, demo: Engine, second: Engine, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo, tmp_path)
    number = _open_headlamp(dialog)
    mine = part_for_edit(demo, number)
    other = part_for_edit(second, number)  # another maintainer, on another machine
    correct_part(second, _user(second, "admin"), number, other, {"name_zh": "左前卤素大灯"})
    dialog.category.setText("前照灯")
    dialog.name_en.setText("Headlamp LH halogen")
    assert not dialog.save()
    assert dialog.conflict.isVisible() and not dialog.save_button.isEnabled()
    text = dialog.conflict.text.text()
    assert "admin changed this part after you opened it" in text
    assert f"Chinese name: theirs 左前卤素大灯, yours {mine.name_zh}" in text
    assert "Category: theirs 灯具, yours 前照灯" in text
    assert f"English name: theirs {mine.name_en}, yours Headlamp LH halogen" in text
    # Nothing of mine was written, and my values are still in the form.
    assert part_for_edit(demo, number).category == "灯具"
    assert (dialog.category.text(), dialog.name_zh.text()) == ("前照灯", mine.name_zh)
    assert not dialog.open_part(number)  # no switching away from refused values

    dialog.conflict.reapply_button.click()
    assert not dialog.conflict.isVisible()
    stored = part_for_edit(demo, number)
    assert (stored.name_zh, stored.name_en, stored.category, stored.row_version) == (
        "左前卤素大灯",  # theirs
        "Headlamp LH halogen",  # mine
        "前照灯",  # mine
        3,
    )
    assert dialog.base == stored and dialog.name_zh.text() == "左前卤素大灯"


def test_refused_values_can_be_discarded(
    qtbot: QtBot, demo: Engine, second: Engine, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo, tmp_path)
    number = _open_headlamp(dialog)
    correct_part(
        second, _user(second, "admin"), number, part_for_edit(second, number), {"category": "灯"}
    )
    dialog.category.setText("前照灯")
    assert not dialog.save() and dialog.conflict.isVisible()
    dialog.conflict.discard_button.click()
    assert not dialog.conflict.isVisible() and dialog.save_button.isEnabled()
    assert dialog.category.text() == "灯" and dialog.base == part_for_edit(demo, number)
    assert part_for_edit(demo, number).row_version == 2


@pytest.mark.parametrize(
    ("failure", "shown"),
    [
        (DatabaseUnavailable("the database server cannot be reached"), "cannot be reached"),
        (StorageError(Problem("disk_full")), "the disk is full"),
    ],
)
def test_an_unreachable_server_or_a_refused_write_keeps_the_values(
    qtbot: QtBot,
    demo: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    shown: str,
) -> None:
    dialog = _dialog(qtbot, demo, tmp_path)
    number = _open_headlamp(dialog)
    dialog.category.setText("前照灯")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(part_correction, "correct_part", refuse)
    assert not dialog.save()
    assert shown in dialog.message.text() and "kept" in dialog.message.text()
    assert dialog.category.text() == "前照灯" and dialog.save_button.isEnabled()
    assert dialog.offline.isVisible() == isinstance(failure, DatabaseUnavailable)
    monkeypatch.undo()
    assert dialog.save()  # the server is back: the same values are saved
    assert part_for_edit(demo, number).category == "前照灯"
    assert not dialog.offline.isVisible()
