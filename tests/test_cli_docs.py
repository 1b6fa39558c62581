"""The command-line examples as a user copies them: every fenced ``bash`` block of docs/cli.md,
and each of the README's that calls ``estimator``, runs in order on a fresh database in a
temporary folder, and the ``text`` block under a command shows what it printed.

A block whose first line is ``# fails: WORDS`` must fail, saying WORDS. A README block tagged
``bash server`` needs the team's PostgreSQL server and is not run. In a ``text`` block a line
of ``…`` stands for lines left out and ``…`` within a line for any text; the lines shown must
appear in that order in the block's output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import cli_forkserver
from tests.conftest import PYCACHE_ENV

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"
README = ROOT / "README.md"
SAMPLES = ROOT / "resources" / "sample_data"
#: ```info … ```: the fence's info string and its body.
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
FAILS = re.compile(r"\A\s*# fails: *(.+)$", re.MULTILINE)
#: A command line that runs estimator (after any VAR=value), as opposed to a word in SQL.
CALLS_ESTIMATOR = re.compile(r"^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*estimator\b", re.MULTILINE)
MARK = "@@example"
#: Some 45 starts of `estimator`: about 50 s of CPU, several minutes on a loaded machine.
TIMEOUT_S = 900


@dataclass(frozen=True)
class Example:
    """One bash block: its commands, the output shown under it, and the words of a failure."""

    code: str
    shown: str | None = None
    fails: str | None = None


def examples(markdown: str, *, only_estimator: bool = False) -> list[Example]:
    """The bash blocks of a Markdown text in order, each with the text block right under it."""
    found: list[Example] = []
    end_of_last_bash = -1
    for fence in FENCE.finditer(markdown):
        info, body = fence.group(1).split(), fence.group(2)
        language = info[0] if info else ""
        if language == "text" and found and not markdown[end_of_last_bash : fence.start()].strip():
            last = found[-1]
            found[-1] = Example(last.code, body, last.fails)
        elif language == "bash" and "server" not in info[1:]:
            end_of_last_bash = fence.end()
            if only_estimator and not CALLS_ESTIMATOR.search(body):
                continue
            fails = FAILS.match(body)
            found.append(Example(body, None, fails.group(1).strip() if fails else None))
    return found


def script(blocks: list[Example]) -> str:
    """One bash script of all the blocks (so `cd` and variables carry), each output marked."""
    parts = ["set -o pipefail", "exec 2>&1"]
    for number, example in enumerate(blocks):
        parts.append(f"echo '{MARK} {number}@@'")
        if example.fails is None:
            parts.append(example.code)
        else:  # in a subshell so that its failure is the block's, not the script's
            parts += [
                "set +e",
                "(",
                "set -e",
                example.code,
                ")",
                f'echo "{MARK} exit $?@@"',
                "set -e",
            ]
    parts.append(f"echo '{MARK} end@@'")
    return "\n".join(parts) + "\n"


def matches(shown: str, output: str) -> str | None:
    """The first shown line not found (in order) in the output, or None when all are."""
    printed = [" ".join(line.split()) for line in output.splitlines()]
    at = 0
    for line in shown.splitlines():
        wanted = " ".join(line.split())
        if not wanted or wanted == "…":
            continue
        pattern = re.compile(".*".join(re.escape(piece.strip()) for piece in wanted.split("…")))
        while at < len(printed) and not pattern.fullmatch(printed[at]):
            at += 1
        if at == len(printed):
            return line
        at += 1
    return None


def problems(blocks: list[Example], output: str, exit_code: int) -> list[str]:
    """What went wrong: a block that failed or should have, output not as shown."""
    found: list[str] = []
    sections = re.split(rf"^{MARK} (\d+)@@$", output, flags=re.MULTILINE)
    printed = {int(sections[i]): sections[i + 1] for i in range(1, len(sections) - 1, 2)}
    for number, example in enumerate(blocks):
        first = example.code.strip().splitlines()[0] if example.code.strip() else ""
        if number not in printed:
            found.append(f"block {number} ({first}) did not run")
            continue
        text = printed[number].split(f"{MARK} end@@")[0]
        if example.fails is not None:
            status = re.search(rf"^{MARK} exit (\d+)@@$", text, flags=re.MULTILINE)
            if status is None or status.group(1) == "0":
                found.append(f"block {number} ({first}) should fail but did not")
            elif example.fails not in text:
                found.append(f"block {number} ({first}) failed without {example.fails!r}")
        if example.shown is not None and (missing := matches(example.shown, text)) is not None:
            found.append(f"block {number} ({first}) did not print {missing!r}")
    if exit_code != 0 or f"{MARK} end@@" not in output:
        last = max(printed, default=-1)
        found.append(f"the script stopped (exit {exit_code}) in block {last}")
    return found


def fresh_folder(tmp_path: Path, commands: Path | None = None) -> tuple[Path, dict[str, str]]:
    """A folder like a clone's (`.venv`, `resources/sample_data`) and an environment whose
    home, caches and temporary files all lie under tmp_path. With ``commands``, the
    `estimator` found first (also after `source .venv/bin/activate`) is the one there."""
    work = tmp_path / "clone"
    (work / "resources").mkdir(parents=True)
    shutil.copytree(SAMPLES, work / "resources" / "sample_data")
    scripts = Path(sys.executable).parent
    venv = Path(sys.prefix)
    first = f"{commands}{os.pathsep}{scripts}" if commands else str(scripts)
    if commands is None and (venv / "bin" / "activate").exists():
        (work / ".venv").symlink_to(venv, target_is_directory=True)
    else:  # an activate that finds this interpreter's scripts (and the commands first)
        (work / ".venv" / "bin").mkdir(parents=True)
        (work / ".venv" / "bin" / "activate").write_text(f'export PATH="{first}:$PATH"\n')
    home = tmp_path / "home"
    (tmp_path / "tmp").mkdir()
    env = {
        "PATH": f"{first}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "TMPDIR": str(tmp_path / "tmp"),
        "LANG": "C.UTF-8",
        "COLUMNS": "120",
        "PYTHONWARNINGS": "ignore",
        **PYCACHE_ENV,  # the run's compiled modules, not a compilation per command
    }
    return work, env


def run(blocks: list[Example], tmp_path: Path, *, forked: bool = False) -> tuple[str, int]:
    """The blocks run by `bash -e` in a fresh folder: the output, and the exit code. Forked:
    each `estimator` runs through ``cli_forkserver.command_server`` (the guide's ~100
    commands spent most of their time importing the command line again)."""
    if not forked:
        return _bash(blocks, *fresh_folder(tmp_path))
    folder = Path(tempfile.mkdtemp(prefix="cli-"))
    try:
        work, env = fresh_folder(tmp_path, folder / "bin")
        with cli_forkserver.command_server(env, work, folder / "bin"):
            return _bash(blocks, work, env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _bash(blocks: list[Example], work: Path, env: dict[str, str]) -> tuple[str, int]:
    done = subprocess.run(
        ["bash", "-e"],
        input=script(blocks),
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    return done.stdout + done.stderr, done.returncode


def test_every_example_of_the_command_line_guide_runs_on_a_fresh_database(tmp_path: Path) -> None:
    blocks = examples(CLI_DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 20, "docs/cli.md lost its examples"
    assert sum(b.fails is not None for b in blocks) >= 3
    output, code = run(blocks, tmp_path, forked=True)
    found = problems(blocks, output, code)
    assert not found, "\n".join(found) + "\n\n" + output[-3000:]


def test_the_readme_examples_run(tmp_path: Path) -> None:
    blocks = examples(README.read_text(encoding="utf-8"), only_estimator=True)
    assert blocks, "the README shows no estimator command"
    output, code = run(blocks, tmp_path, forked=True)
    found = problems(blocks, output, code)
    assert not found, "\n".join(found) + "\n\n" + output[-3000:]


def test_only_blocks_that_run_estimator_are_taken_from_the_readme() -> None:
    markdown = (
        "```bash\nmake demo\n```\n```bash\nsudo -u postgres psql -c 'CREATE DATABASE estimator'\n```\n"
        "```bash\nESTIMATOR_PASSWORD=x estimator db upgrade\n```\n```bash\n  estimator --help\n```\n"
    )
    blocks = examples(markdown, only_estimator=True)
    assert [b.code.strip() for b in blocks] == [
        "ESTIMATOR_PASSWORD=x estimator db upgrade",
        "estimator --help",
    ]


def test_only_the_team_servers_examples_are_left_out() -> None:
    readme = README.read_text(encoding="utf-8")
    left_out = [m.group(2) for m in FENCE.finditer(readme) if m.group(1).split()[1:] == ["server"]]
    assert left_out and all("postgresql" in body for body in left_out)
    assert "```bash server" not in CLI_DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("markdown", "why"),
    [
        ("```bash\necho one\n```\n```text\ntwo\n```\n", "did not print 'two'"),
        ("```bash\nfalse\necho after\n```\n", "the script stopped"),
        ("```bash\n# fails: no such\ntrue\n```\n", "should fail but did not"),
        ("```bash\n# fails: no such\necho other; exit 1\n```\n", "failed without 'no such'"),
        ("```bash\necho b a\n```\n```text\na\nb\n```\n", "did not print 'a'"),
    ],
)
def test_a_broken_example_is_found(tmp_path: Path, markdown: str, why: str) -> None:
    blocks = examples(markdown)
    output, code = run(blocks, tmp_path)
    assert any(why in problem for problem in problems(blocks, output, code))


def test_examples_that_hold_are_accepted(tmp_path: Path) -> None:
    markdown = (
        "```bash\nx=5\necho 'a  b\tc'\necho lost\necho end of $x\n```\n\n```text\na b c\n…\nend … 5\n```\n"
        "```bash\n# fails: refused\necho refused; exit 1\n```\n```bash\necho still $x\n```\n"
        "```text\nstill 5\n```\n"
    )
    blocks = examples(markdown)
    assert [b.fails for b in blocks] == [None, "refused", None]
    output, code = run(blocks, tmp_path)
    assert problems(blocks, output, code) == []


def test_the_documents_links_lead_to_files_of_this_repository() -> None:
    documents = [README, *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for document in documents:
        text = document.read_text(encoding="utf-8")
        assert "shared/docs" not in text, f"{document.name} points outside the repository"
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            path = target.split("#")[0]
            if path and "://" not in path and not (document.parent / path).exists():
                broken.append(f"{document.name}: {target}")
    assert broken == []


def test_a_command_through_the_server_prints_and_exits_as_the_console_script(
    tmp_path: Path,
) -> None:
    commands = (
        "estimator --help | head -n 3\n"
        "estimator --db x.sqlite3 catalog search 保险杠 || echo exit $?\n"
        "estimator catalog no-such-command || echo exit $?\n"
        "echo not-a-pdf | estimator pdf verify /dev/stdin > out.txt || echo exit $?\n"
        "cat out.txt\n"
    )
    blocks = [Example(commands)]
    (tmp_path / "direct").mkdir()
    (tmp_path / "forked").mkdir()
    direct, direct_code = run(blocks, tmp_path / "direct")
    forked, forked_code = run(blocks, tmp_path / "forked", forked=True)
    assert forked_code == direct_code == 0, direct
    assert "exit 2" in direct and "no-such-command" in direct, direct
    assert forked.replace(str(tmp_path / "forked"), "~") == direct.replace(
        str(tmp_path / "direct"), "~"
    )
