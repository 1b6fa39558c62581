"""Print the options that make uv install from where pip would (`make`'s installs use uv).

uv reads none of pip's configuration: a machine whose pip is pointed at a mirror, extra
indexes, local wheels, a constraints file or a certificate bundle (pip.conf, PIP_* variables)
would otherwise have uv ask PyPI directly. This reads pip's configuration files in pip's order
(the later wins), then the PIP_* variables, and prints uv's equivalents on one line. With more
than one index, uv takes each package's newest release from any of them, as pip does.
Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import configparser
import os
import shlex
import sys
from pathlib import Path

#: pip's option -> uv's flag; the ones that take several values (space-separated) are lists.
_OPTIONS = {
    "index-url": "--index-url",
    "extra-index-url": "--extra-index-url",
    "find-links": "--find-links",
    "constraint": "--constraint",
}
_LISTS = {"extra-index-url", "find-links", "constraint"}
#: pip's site-wide file besides those of XDG_CONFIG_DIRS.
SYSTEM_FILE = Path("/etc/pip.conf")


def _config_files(environ: dict[str, str]) -> list[Path]:
    """pip's configuration files, lowest priority first (pip's "global", "user", "site")."""
    dirs = environ.get("XDG_CONFIG_DIRS", "/etc/xdg").split(os.pathsep)
    files = [Path(d) / "pip" / "pip.conf" for d in reversed(dirs) if d]
    files.append(SYSTEM_FILE)
    home = Path.home()
    config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    files += [home / ".pip" / "pip.conf", config_home / "pip" / "pip.conf"]
    if environ.get("PIP_CONFIG_FILE"):
        files.append(Path(environ["PIP_CONFIG_FILE"]))
    return files


def pip_settings(environ: dict[str, str]) -> dict[str, str]:
    """The index, link, constraint and certificate settings pip would use."""
    found: dict[str, str] = {}
    for path in _config_files(environ):
        parser = configparser.RawConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (OSError, configparser.Error):
            continue  # pip would complain about it; the install goes on without
        for section in ("global", "install"):
            if parser.has_section(section):
                found |= {k: v for k, v in parser.items(section) if k in {*_OPTIONS, "cert"}}
    for name in (*_OPTIONS, "cert"):
        variable = "PIP_" + name.upper().replace("-", "_")
        if environ.get(variable):
            found[name] = environ[variable]
    return found


def uv_arguments(settings: dict[str, str]) -> list[str]:
    """uv's command-line options for pip's ``settings``."""
    arguments: list[str] = []
    for name, flag in _OPTIONS.items():
        values = settings.get(name, "").split() if name in _LISTS else [settings.get(name, "")]
        for value in filter(None, values):
            arguments += [flag, value]
    if settings.get("extra-index-url") or settings.get("find-links"):
        arguments += ["--index-strategy", "unsafe-best-match"]  # pip's: the newest anywhere
    return arguments


def main() -> int:
    """Print uv's options, or with ``--env`` the certificate bundle as uv reads it
    (``SSL_CERT_FILE=…``, nothing when pip has none)."""
    settings = pip_settings(dict(os.environ))
    if sys.argv[1:] == ["--env"]:
        if settings.get("cert"):
            print(f"SSL_CERT_FILE={shlex.quote(settings['cert'])}")
        return 0
    print(" ".join(shlex.quote(word) for word in uv_arguments(settings)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
