"""Without a display, ``estimator`` says so and how to run it, instead of Qt's xcb abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from estimator.cli.main import has_display

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _without_display(language: str) -> dict[str, str]:
    """This process's environment with no display of any kind, in ``language``."""
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    env["ESTIMATOR_LANG"] = language
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11/Wayland check")
@pytest.mark.parametrize(
    ("args", "language", "words"),
    [
        ((), "zh_CN", ("没有可用的图形显示", "xvfb-run -a estimator --demo", "offscreen")),
        (("--demo",), "zh_CN", ("没有可用的图形显示", "xvfb-run -a estimator --demo")),
        (("--demo",), "en", ("there is no display", "xvfb-run -a estimator --demo")),
    ],
)
def test_the_workstation_without_a_display_says_how_to_run_it(
    tmp_path: Path, args: tuple[str, ...], language: str, words: tuple[str, ...]
) -> None:
    demo = tmp_path / "demo.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "estimator", *args, "--demo-path", str(demo)],
        env=_without_display(language),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    for word in words:
        assert word in done.stderr
    assert "xcb" not in done.stderr.replace("xvfb", "")  # not Qt's abort
    assert not demo.exists()  # refused before any work


def test_a_display_or_a_chosen_qt_platform_is_enough() -> None:
    assert not has_display({}, "linux")
    assert not has_display({"DISPLAY": ""}, "linux")
    assert has_display({"DISPLAY": ":0"}, "linux")
    assert has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert has_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert has_display({}, "win32")
    assert has_display({}, "darwin")
