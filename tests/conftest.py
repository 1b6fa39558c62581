"""Shared fixtures: a fresh migrated database per test (a copy of one migrated per session),
and workbook builders."""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import shutil
import signal
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine, NullPool, text

if TYPE_CHECKING:
    from benchmarks.pg_server import PgServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ESTIMATOR_LANG"] = "en"

#: The run's temporary files in memory (tmpfs) when the machine has room: pytest's tmp_path,
#: the run's home, tempfile's folders and the PostgreSQL test clusters (benchmarks/pg_server.py
#: makes them with tempfile). On this project's machines (ext4 on a virtual disk) creating a
#: PostgreSQL database from its template cost ~0.4 s of kernel time, 0.03 s in memory; the
#: services' tests ran in 116 s instead of 178 s. Made by the run's first process (the xdist
#: workers inherit TMPDIR) and removed at its end; ESTIMATOR_TEST_TMP=disk keeps them on disk.
_TMP_ENV = "ESTIMATOR_TEST_TMP"
_MEMORY = Path("/dev/shm")
_MEMORY_NEEDED = 6 << 30  # a whole run leaves ~2 GiB in tmp_path folders; the rest is margin


def _memory_has_room() -> bool:
    try:
        stats = os.statvfs(_MEMORY)
        meminfo = Path("/proc/meminfo").read_text()
    except OSError:
        return False
    available = next(
        (
            int(line.split()[1]) << 10
            for line in meminfo.splitlines()
            if line.startswith("MemAvailable:")
        ),
        0,
    )
    free = stats.f_bavail * stats.f_frsize
    return os.access(_MEMORY, os.W_OK) and min(free, available) >= _MEMORY_NEEDED


_OWN_TMP: Path | None = None
if _TMP_ENV not in os.environ:
    if _memory_has_room():
        _OWN_TMP = Path(tempfile.mkdtemp(prefix="estimator-tests-", dir=_MEMORY))
        _OWN_TMP.chmod(0o711)  # PostgreSQL's own user (as root) passes through to its cluster
        os.environ["TMPDIR"] = str(_OWN_TMP)
        tempfile.tempdir = None  # asked again: TMPDIR
        # Removed at the very end, after multiprocessing removed its own folders in it
        # (atexit runs the functions registered first last).
        atexit.register(shutil.rmtree, _OWN_TMP, ignore_errors=True)
    os.environ[_TMP_ENV] = str(_OWN_TMP or "disk")

#: The run's own home: the user's cache, data and config folders (the stamp fonts, the demo
#: cache, Qt's settings) are never the real ones. Made when this file is first imported, before
#: anything reads them; the xdist workers inherit the variables, so one run shares one home.
_HOME_ENV = "ESTIMATOR_TEST_HOME"
_OWN_HOME = _HOME_ENV not in os.environ
if _OWN_HOME:
    os.environ[_HOME_ENV] = tempfile.mkdtemp(prefix="estimator-test-home-")
_test_home = Path(os.environ[_HOME_ENV])
os.environ["HOME"] = str(_test_home)
for _variable, _folder in (
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CONFIG_HOME", ".config"),
):
    os.environ[_variable] = str(_test_home / _folder)

#: Compiled modules, kept apart when PYTHONDONTWRITEBYTECODE forbids writing them beside the
#: sources (as on this project's machines): otherwise every `estimator` or Python process a
#: test starts compiled SQLAlchemy, Qt's bindings and the application again (about 1.4 s of
#: CPU each, hundreds of times a run). The workers and those processes inherit it; a process
#: that does not (a test's own environment) is given PYCACHE_ENV. In a virtual environment they
#: are kept in it (.venv/pycache), from one run to the next: in the run's temporary home each
#: run compiled the standard library, the dependencies and the application again in the
#: controller and in each worker (~9 s of CPU a process for the collection alone).
_PYCACHE_HOME = Path(sys.prefix) if sys.prefix != sys.base_prefix else _test_home
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(_PYCACHE_HOME / "pycache"))
    sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"]
    sys.dont_write_bytecode = False
PYCACHE_ENV = {name: os.environ[name] for name in ("PYTHONPYCACHEPREFIX",) if name in os.environ}


def pytest_configure(config: pytest.Config) -> None:
    # The whole run is one process making many Qt calls: with PySide6 6.12.0 on Python 3.11
    # each void call drops a reference to None and the run would abort (see qt_guard).
    from estimator.gui.qt_guard import guard_none_refcount

    guard_none_refcount()
    _swap_in_cheap_hasher()
    # Garbage is collected between tests, on the main thread, never by a worker thread that
    # happens to allocate (it would destroy Qt wrappers on the wrong thread: see
    # qt_guard.collect_on_gui_thread, which the application does with a timer).
    gc.disable()
    # A long run's oldest generation holds millions of objects (a full collection took
    # 0.8 s; 18 of them a run): collected a quarter as often, what it frees waits longer.
    first, middle, _oldest = gc.get_threshold()
    gc.set_threshold(first, middle, 40)


#: Argon2id at its lowest cost, for the tests that hash passwords only to create and sign in
#: users (the product's profile costs ~60 ms of CPU and 64 MiB per hash, which made sign-ins
#: a large part of the run). A stored hash carries its own parameters, so either hasher
#: verifies the other's hashes.
_CHEAP_HASHER_ARGS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
_product_hasher: Any = None


def _swap_in_cheap_hasher() -> None:
    from argon2 import PasswordHasher

    from estimator.services import users

    global _product_hasher
    _product_hasher = users._HASHER
    _use_hasher(PasswordHasher(**_CHEAP_HASHER_ARGS))


def _use_hasher(hasher: Any) -> None:
    from estimator.services import users

    users._HASHER = hasher
    users._dummy_hash.cache_clear()  # the unknown-name hash is made with the hasher in use


@pytest.fixture(autouse=True)
def _real_hash(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests marked ``real_hash`` (about the hashing's cost and timing) hash with the
    product's own hasher."""
    if request.node.get_closest_marker("real_hash") is None:
        yield
        return
    from estimator.services import users

    cheap = users._HASHER
    _use_hasher(_product_hasher)
    try:
        yield
    finally:
        _use_hasher(cheap)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    # Only the process that made the run's home removes it (not an xdist worker).
    if _OWN_HOME:
        shutil.rmtree(_test_home, ignore_errors=True)
    if hasattr(config, "workerinput"):  # an xdist worker (not a pytest a test starts)
        _end_worker()


def _end_worker() -> None:
    """An xdist worker's results are all with the controller once its session ended (its
    ``workerfinished`` went then), so it ends here, first of its unconfigure hooks, skipping
    the rest of Python's and pytest's end, which kept the controller waiting 6-7 s after the
    last test (measured: the plugins' full garbage collections over a long run's heap, 2-3 s;
    then threads joined and the whole heap freed object by object, Qt's widgets, the mapped
    rows, the frozen modules, 4 s). What a run leaves is in its temporary folder, which the
    controller removes."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)


def pytest_collection_finish(session: pytest.Session) -> None:
    # What collection made (the modules, the test functions, the fixtures' definitions) lives
    # to the end: frozen, the collections between tests no longer walk it again. Measured on
    # the 250 tests of tests/services/test_[a-d]*.py: 4.3 s of CPU in those collections
    # before, 2.8 s after. Frozen objects are still freed by their reference counts.
    gc.collect()
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    # After the test's fixtures are torn down: what only they held is garbage by then.
    from estimator.gui.qt_guard import collect_due

    try:
        return (yield)
    finally:
        collect_due()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="run the long variants")


#: The longest tests and modules (wall seconds in a loaded two-worker run), run first: started
#: near the end of a parallel run, one of them kept a worker busy long after the other ran
#: out of tests. The command-line guide's examples (then 60-100 s) and the top-level modules
#: came last in collection order (tests/test_*.py after the folders) until they were listed here.
#: xdist hands the first quarter of the order to the first worker; the rest is shared.
LONGEST_FIRST = (
    "tests/test_cli_docs.py::test_every_example_of_the_command_line_guide",  # 20-30
    "tests/reliability/test_crash_safety.py::test_sigkill_during_saves",  # 22-28
    "tests/services/test_sync_kills.py",  # 22-29: fifty check-ins killed
    "tests/test_install_warnings.py",  # 22
    "tests/test_team_benchmark.py",  # 13: a tiny team day (came last: 8 s on one worker alone)
    "tests/test_pg_server.py",  # 20: three pytest runs
    "tests/services/test_demo_history.py",  # 22: demo builds
    "tests/services/test_demo.py",  # 16
    "tests/test_messages.py",  # 13: every source file parsed
    "tests/estimator/gui/test_workstation.py::test_the_sheet_prints_page_for_page",  # 12
    "tests/test_install_package.py",  # 11: a wheel built, a process started
    "tests/estimator/gui/test_one_workstation.py",  # 12: processes
    "tests/cli/test_beside_the_workstation.py::test_command_line_writes_queue_behind",
    "tests/estimator/gui/test_server_outage.py::test_the_server_stops_under_the_window",
    "tests/estimator/gui/test_authority_action.py::test_the_assessor_approves_within",
    "tests/test_cli_docs.py::test_a_command_through_the_server",  # 5: the console script too
)


def _long_rank(item: pytest.Item) -> int:
    ranks = (rank for rank, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix))
    return next(ranks, len(LONGEST_FIRST))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=_long_rank)  # stable: every other test keeps its place
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="long variant: pass --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database migrated once for the whole session; each test gets a copy of it
    (running every migration took a good part of a short test)."""
    from estimator.persistence.database import create_database_engine, sqlite_url

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    with engine.connect() as connection:  # one self-contained file: the log folded in
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def migrated_copy(template: Path, target: Path) -> str:
    """The URL of a copy of the migrated ``template`` at ``target``."""
    import shutil

    shutil.copyfile(template, target)
    return f"sqlite+pysqlite:///{target}"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once for the whole session (it takes seconds: the sample
    catalog, standard and shops imported, the users' Argon2id hashes, the cases); tests
    work on copies of it (``demo_copy``)."""
    from estimator.services.demo import build_demo_database

    return build_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


@pytest.fixture(scope="session")
def first_launch_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a first demo launch builds before its window opens (today's cases and the people,
    the history's assessors without their cases), built once for the session."""
    from estimator.services.demo import build_demo_database

    path = tmp_path_factory.mktemp("first-launch") / "demo.sqlite3"
    return build_demo_database(path, history=True, replay=False)


#: The build ``launch_demo_database`` makes without a pristine file.
_FIRST_LAUNCH_BUILD = {"history": True, "replay": False}


@pytest.fixture
def quick_first_launch(first_launch_template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``launch_demo_database`` without a pristine file copies the session's
    ``first_launch_template`` instead of building it again (2-3 s a launch, nine launches in
    the tests of the replay behind the window); every other build is the real one. The copy
    was built earlier in the session: its cases are as old as the session, as if the build
    had taken that long, and the replay's history still ends after all of them."""
    from estimator.services import demo

    build = demo.build_demo_database

    def copied(path: Path | None = None, **options: Any) -> Path:
        if path is None or options != _FIRST_LAUNCH_BUILD:
            return build(path, **options)
        for suffix in ("-wal", "-shm"):  # as the build does, nothing of an older file stays
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return demo_copy(first_launch_template, path)

    monkeypatch.setattr(demo, "build_demo_database", copied)


def demo_copy(template: Path, target: Path) -> Path:
    """A copy of the demo database ``template`` at ``target``, for one test to change."""
    import shutil

    shutil.copyfile(template, target)
    return target


@pytest.fixture
def db_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh migrated SQLite database for one test (a copy of the session's template)."""
    return migrated_copy(sqlite_template, tmp_path / "test.sqlite3")


def postgres_required() -> bool:
    """In CI (or when asked) a PostgreSQL server that does not start fails the run."""
    return bool(os.environ.get("CI")) or os.environ.get("ESTIMATOR_REQUIRE_PG") == "1"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server on loopback for the whole session (benchmarks/pg_server.py)."""
    from benchmarks.pg_server import PgServer, PgServerError

    server: PgServer | None = None
    # A run stopped with SIGTERM (timeout, CI cancel) still tears down, removing the server.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server = PgServer()
        server.start()
    except PgServerError as error:
        if server is not None:
            server.remove()
        if postgres_required():
            pytest.fail(f"PostgreSQL did not start: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL did not start: {error}")
    yield server
    server.remove()


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A PostgreSQL server of one test's own, for a test that stops and starts it."""
    from benchmarks.pg_server import PgServer, PgServerError

    try:
        server = PgServer().start()
    except PgServerError as error:
        if postgres_required():
            pytest.fail(f"PostgreSQL did not start: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL did not start: {error}")
    yield server
    server.remove()


@pytest.fixture(scope="session")
def pg_admin(pg_server: PgServer) -> Iterator[Engine]:
    """An autocommit connection pool to the server's maintenance database."""
    from sqlalchemy import create_engine

    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer, pg_admin: Engine) -> str:
    """A database migrated once; each test copies it (CREATE DATABASE … TEMPLATE)."""
    from estimator.persistence.database import create_database_engine

    with pg_admin.connect() as connection:
        connection.execute(text("CREATE DATABASE estimator_template"))
    create_database_engine(pg_server.url("estimator_template")).dispose()
    return "estimator_template"


@pytest.fixture(scope="session")
def demo_postgresql(pg_server: PgServer, pg_admin: Engine, pg_template: str) -> str:
    """The URL of a PostgreSQL database the demo was loaded into once (a template: nobody
    stays connected to it); a test takes a copy with ``database_copy``."""
    from estimator.persistence.database import create_database_engine
    from estimator.services.demo import load_demo_data

    with pg_admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE estimator_demo TEMPLATE {pg_template}"))
    engine = create_database_engine(pg_server.url("estimator_demo"))
    try:
        load_demo_data(engine)
    finally:
        engine.dispose()
    return pg_server.url("estimator_demo")


@pytest.fixture
def pg_url(pg_server: PgServer, pg_admin: Engine, pg_template: str) -> Iterator[str]:
    """A fresh migrated PostgreSQL database for one test, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    with pg_admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {pg_template}"))
    yield pg_server.url(name)
    with pg_admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def both_engines_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database URL of a fresh migrated database on SQLite, then on PostgreSQL."""
    if request.param == "sqlite":
        return migrated_copy(request.getfixturevalue("sqlite_template"), tmp_path / "test.sqlite3")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def both_engines_template(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh migrated database per module and engine, for a module to fill once (with its
    engine disposed afterwards); each test then works on a ``database_copy`` of it. Filling
    the same database for every test was most of those tests' time."""
    if request.param == "sqlite":
        folder = request.getfixturevalue("tmp_path_factory").mktemp("module-template")
        yield migrated_copy(request.getfixturevalue("sqlite_template"), folder / "t.sqlite3")
        return
    server, admin = request.getfixturevalue("pg_server"), request.getfixturevalue("pg_admin")
    name = f"module_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        template = request.getfixturevalue("pg_template")
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    yield server.url(name)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def database_copy(request: pytest.FixtureRequest, template_url: str, tmp_path: Path) -> str:
    """The URL of a copy of the (filled, unused) database at ``template_url`` for one test:
    SQLite's backup of the file, PostgreSQL's CREATE DATABASE … TEMPLATE (dropped after it)."""
    import sqlite3

    prefix = "sqlite+pysqlite:///"
    if template_url.startswith(prefix):
        target = tmp_path / "test.sqlite3"
        source, copy = sqlite3.connect(template_url.removeprefix(prefix)), sqlite3.connect(target)
        try:
            source.backup(copy)  # the write-ahead log included
        finally:
            source.close()
            copy.close()
        return f"{prefix}{target}"
    admin: Engine = request.getfixturevalue("pg_admin")
    server: PgServer = request.getfixturevalue("pg_server")
    template = template_url.rsplit("/", 1)[1]
    name = f"test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    request.addfinalizer(drop)
    return server.url(name)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    from estimator.persistence.database import create_database_engine

    engine = create_database_engine(db_url)
    yield engine
    engine.dispose()


def write_workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """Write rows (first row = header) to sheets of a new workbook."""
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path
