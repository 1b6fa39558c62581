"""Promise 3: a database on a network share is refused; one workstation per database file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.persistence import sqlite_file
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.sqlite_file import (
    DatabaseInUse,
    InstanceLock,
    NetworkDatabaseRefused,
    network_filesystem,
    read_holder,
)

MOUNTS = textwrap.dedent(
    """\
    /dev/sda1 / ext4 rw,relatime 0 0
    tmpfs /tmp tmpfs rw 0 0
    fileserver:/claims /mnt/claims nfs4 rw,vers=4.2 0 0
    //nas/share /mnt/nas cifs rw,vers=3.0 0 0
    /dev/sdb1 /mnt/claims/local ext4 rw 0 0
    me@host:/data /home/me/remote\\040data fuse.sshfs rw,nosuid 0 0
    /dev/sdc1 /media/usb fuseblk rw 0 0
    """
)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/mnt/claims/estimator.sqlite3", "nfs4"),
        ("/mnt/claims/sub/dir/estimator.sqlite3", "nfs4"),
        ("/mnt/nas/e.sqlite3", "cifs"),
        ("/home/me/remote data/e.sqlite3", "fuse.sshfs"),
        ("/mnt/claims/local/e.sqlite3", None),  # a local disk mounted inside the share
        ("/mnt/claimsX/e.sqlite3", None),  # a sibling, not under the share
        ("/home/me/e.sqlite3", None),
        ("/media/usb/e.sqlite3", None),  # ntfs-3g on a USB disk is local
        ("/tmp/e.sqlite3", None),
    ],
)
def test_network_shares_are_found_in_the_mounts_table(path: str, kind: str | None) -> None:
    assert network_filesystem(Path(path), MOUNTS) == kind


def test_unc_paths_are_network_shares() -> None:
    assert network_filesystem(Path("//server/share/e.sqlite3"), "") == "unc"
    assert network_filesystem(Path(r"\\server\share\e.sqlite3"), "") == "unc"


def _share_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend tmp_path/share is an NFS mount."""
    share = tmp_path / "share"
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nsrv:/x {os.path.realpath(share)} nfs rw 0 0\n")
    monkeypatch.setattr(sqlite_file, "MOUNTS", mounts)
    return share


def test_opening_an_sqlite_database_on_a_share_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = _share_at(tmp_path, monkeypatch)
    with pytest.raises(NetworkDatabaseRefused) as refused:
        create_database_engine(sqlite_url(share / "e.sqlite3"))
    assert "PostgreSQL" in refused.value.message_en and "团队模式" in refused.value.message_zh
    assert not share.exists()
    create_database_engine(sqlite_url(tmp_path / "local.sqlite3")).dispose()  # local: fine


def test_the_command_line_refuses_a_share_in_chinese_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    share = _share_at(tmp_path, monkeypatch)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(["--db", sqlite_url(share / "e.sqlite3"), "catalog", "versions"]) == 1
    err = capsys.readouterr().err
    assert "网络存储" in err and "(nfs)" in err and "Traceback" not in err


def test_a_second_lock_on_the_same_database_is_refused_and_names_the_holder(
    tmp_path: Path,
) -> None:
    database = tmp_path / "e.sqlite3"
    with InstanceLock(database) as first:
        assert first.held
        with pytest.raises(DatabaseInUse) as refused:
            InstanceLock(database).acquire()
        holder = refused.value.holder
        assert holder is not None and holder.pid == os.getpid()
        assert str(os.getpid()) in refused.value.message_en
        assert str(os.getpid()) in refused.value.message_zh
        InstanceLock(tmp_path / "other.sqlite3").acquire()  # another database: no conflict
    with InstanceLock(database):  # released: taken again
        pass


def test_a_lock_file_that_cannot_be_made_is_a_plain_refusal(tmp_path: Path) -> None:
    from estimator.persistence.database import DatabaseError

    database = tmp_path / "e.sqlite3"
    sqlite_file.lock_path(database).mkdir()  # something in the way, whoever runs the test
    with pytest.raises(DatabaseError, match="cannot create the lock file"):
        InstanceLock(database).acquire()


HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from estimator.persistence.sqlite_file import InstanceLock
    InstanceLock(Path(sys.argv[1])).acquire()
    print("held", flush=True)
    time.sleep(600)
    """
)


def test_a_lock_left_by_a_killed_process_does_not_block_the_next_start(tmp_path: Path) -> None:
    database = tmp_path / "e.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    with pytest.raises(DatabaseInUse) as refused:
        InstanceLock(database).acquire()
    assert refused.value.holder is not None and refused.value.holder.pid == child.pid
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    stale = read_holder(sqlite_file.lock_path(database))
    assert stale is not None and stale.pid == child.pid  # the file is still there …
    with InstanceLock(database):  # … but the lock died with the process
        holder = read_holder(sqlite_file.lock_path(database))
        assert holder is not None and holder.pid == os.getpid()


def test_a_plain_path_after_db_names_an_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Users type a file after --db, not a URL: it was refused as "not a database URL".
    absolute = tmp_path / "claims" / "office.sqlite3"
    engine = create_database_engine(str(absolute))
    try:
        assert engine.url.database == str(absolute)
    finally:
        engine.dispose()
    assert absolute.is_file()
    monkeypatch.chdir(tmp_path)
    assert main(["catalog", "search", "保险杠", "--db", "relative.sqlite3"]) == 0
    assert (tmp_path / "relative.sqlite3").is_file()
    assert "relative.sqlite3" not in capsys.readouterr().err
