"""Keys sent to whatever has the focus, counted: the keyboard-only tests of the editor."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.services import case_list, estimate_store
from estimator.services.users import User
from labor_standards.model import PaintType, ShopClass


def focused() -> QWidget:
    """The widget with the keyboard focus (a test that sends keys sends them there)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


@dataclass
class Keyboard:
    """Sends key presses to the focused widget and counts them."""

    qtbot: QtBot
    count: int = 0
    log: list[str] = field(default_factory=list)

    def press(
        self, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        """One key press (with its modifier, as one keystroke)."""
        self.qtbot.keyClick(focused(), key, modifier)
        self.count += 1
        if isinstance(key, str):
            self.log.append(key)
        else:
            self.log.append(QKeySequence(QKeyCombination(modifier, key)).toString())

    def type(self, text: str) -> None:
        """ASCII text, one key press per character."""
        for character in text:
            self.press(character)

    def pinyin(self, initials: str, chinese: str) -> None:
        """Chinese by its pinyin initials and a space to take the input method's first
        candidate: counted as those key presses; delivered as the input method's commit."""
        event = QInputMethodEvent("", [])
        event.setCommitString(chinese)
        QApplication.sendEvent(focused(), event)
        self.count += len(initials) + 1
        self.log.append(f"{initials}␣→{chinese}")


def empty_draft(engine: Engine, user: User, claim_no: str = "RDAA2026330100007777") -> str:
    """A new draft without lines: a Camry (class C, metallic paint) at a class-1 shop in 浙江."""
    created = case_list.create_case(
        engine,
        claim_no=claim_no,
        region="ZJ",
        shop_class=ShopClass.CLASS1,
        actor=user,
        plate="浙K00077",
        vin="LVGBE40K8LG000100",
        model_code="TY-CAMRY-18",
        paint_type=PaintType.METALLIC,
        shop_name="某汽修",
    )
    stored = estimate_store.load_estimate(engine, created.estimate_id)
    assert stored.status is EstimateStatus.DRAFT and not stored.estimate.lines
    return str(created.estimate_id)
