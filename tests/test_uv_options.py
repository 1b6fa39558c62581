"""packaging/uv_options.py: uv installs from where pip would (its indexes, links,
constraints and certificate bundle, from pip's files and PIP_* variables)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "packaging" / "uv_options.py"


def _module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ModuleType:
    """The script as a module, this machine's site-wide pip.conf out of its sight."""
    spec = importlib.util.spec_from_file_location("uv_options", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "SYSTEM_FILE", tmp_path / "no-pip.conf")
    return module


def _environ(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A home with no pip configuration of its own and no system-wide one."""
    return {"HOME": str(tmp_path), "XDG_CONFIG_DIRS": str(tmp_path / "none"), **extra}


def test_pips_files_and_variables_become_uvs_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uv_options = _module(monkeypatch, tmp_path)
    conf = tmp_path / "pip.conf"
    conf.write_text(
        "[global]\nindex-url = https://mirror.example/simple\n"
        "extra-index-url = file:///a/simple file:///b/simple\ncert = /etc/ca.pem\n"
        "[install]\nfind-links = /wheels\n",
        encoding="utf-8",
    )
    settings = uv_options.pip_settings(_environ(tmp_path, PIP_CONFIG_FILE=str(conf)))
    assert uv_options.uv_arguments(settings) == [
        "--index-url", "https://mirror.example/simple",
        "--extra-index-url", "file:///a/simple",
        "--extra-index-url", "file:///b/simple",
        "--find-links", "/wheels",
        "--index-strategy", "unsafe-best-match",
    ]  # fmt: skip
    assert settings["cert"] == "/etc/ca.pem"
    # A variable wins over the files, as in pip.
    environ = _environ(tmp_path, PIP_CONFIG_FILE=str(conf), PIP_INDEX_URL="https://other/simple")
    assert uv_options.pip_settings(environ)["index-url"] == "https://other/simple"


def test_without_any_configuration_uv_keeps_its_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    uv_options = _module(monkeypatch, tmp_path)
    environ = _environ(tmp_path)
    assert uv_options.uv_arguments(uv_options.pip_settings(environ)) == []
    monkeypatch.setattr(uv_options.os, "environ", environ)
    monkeypatch.setattr(uv_options.sys, "argv", ["uv_options.py", "--env"])
    assert uv_options.main() == 0
    assert capsys.readouterr().out == ""  # no certificate bundle to hand on
