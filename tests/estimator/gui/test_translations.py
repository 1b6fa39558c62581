"""Simplified Chinese is the default language: every UI text has a translation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "estimator_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "estimator_zh_CN.qm"


def _translations() -> dict[tuple[str, str], str]:
    found = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message.findtext("translation") or ""
    return found


def test_every_literal_ui_text_has_a_chinese_translation() -> None:
    translations = _translations()
    missing = []
    for source in (ROOT / "estimator" / "gui").glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for class_name, body in re.findall(
            r"^class (\w+)\(.*?\):\n(.*?)(?=^class |\Z)", text, re.S | re.M
        ):
            for literal in re.findall(r'self\.tr\(\s*"([^"]+)"', body):
                if not translations.get((class_name, literal)):
                    missing.append((source.name, class_name, literal))
    assert missing == []


def test_the_compiled_translation_is_current_and_loads(qapp) -> None:  # type: ignore[no-untyped-def]
    assert QM.stat().st_mtime >= TS.stat().st_mtime - 1
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "&New case…") == "新建案件(&N)…"
        assert QCoreApplication.translate("Models", "Next due") == "下一时限"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_code_shown_on_screen_has_a_chinese_word() -> None:
    from estimator.gui.labels import (
        CONTEXT,
        PAINT_TYPE_SOURCE,
        PRICE_TYPE_SOURCE,
        SHOP_CLASS_SOURCE,
    )
    from labor_standards.model import PAINT_TYPE_ZH, SHOP_CLASS_ZH

    translations = _translations()
    for code, source in PRICE_TYPE_SOURCE.items():
        assert translations[(CONTEXT, source)] == code.label_zh
    for code, source in PAINT_TYPE_SOURCE.items():
        assert translations[(CONTEXT, source)] == PAINT_TYPE_ZH[code]
    for source in SHOP_CLASS_SOURCE.values():
        assert translations[(CONTEXT, source)]
    assert set(SHOP_CLASS_SOURCE) == set(SHOP_CLASS_ZH)


def test_qts_own_words_are_chinese_too() -> None:
    # In its own process: the application's translators are process-wide.
    import os
    import subprocess
    import sys

    code = (
        "from PySide6.QtWidgets import QDialogButtonBox as B\n"
        "from estimator.gui.app import application\n"
        "application()\n"
        "box = B(B.StandardButton.Save | B.StandardButton.Cancel)\n"
        "print(box.button(B.StandardButton.Save).text(), box.button(B.StandardButton.Cancel).text())\n"
    )
    env = {**os.environ, "ESTIMATOR_LANG": "zh_CN", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.split() == ["保存", "取消"], done.stdout + done.stderr
