"""A fork server for the command-line guide's examples (tests/test_cli_docs.py).

Each ``estimator`` in the guide's ~100 commands started Python and imported SQLAlchemy, the
mapped rows and the services again: about 0.55 s of CPU before a command did anything, most of
the test's minute. Here one process imports the command line once and waits on a Unix socket;
the ``estimator`` the examples find on their PATH is a small client (``write_client``) that
hands over its arguments, environment, working folder and its three standard streams (the file
descriptors themselves, so pipes, redirections and ``$(…)`` behave as for the console script).
The server forks, and the child runs ``estimator.cli.main.main`` as the console script does
(``sys.exit(main())``), then reports the exit code, which the client exits with.

What the console script itself does as a process is tested elsewhere
(tests/cli/test_cli.py::test_console_script_runs_as_a_process, the bundle's smoke start).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

_LENGTH = struct.Struct("!Q")
_STREAMS = 3
#: What the commands import lazily, imported once here: every module of these packages (import
#: time only: nothing is opened or configured, so each child starts as a fresh process would,
#: less the imports).
PRELOAD = ("estimator.cli", "estimator.persistence", "estimator.services", "estimator.documents")

CLIENT = """#!{python} -IS
import json, os, socket, struct, sys
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect({path!r})
request = json.dumps({{"argv": sys.argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}})
payload = request.encode("utf-8", "surrogateescape")
socket.send_fds(connection, [struct.pack("!Q", len(payload)) + payload], [0, 1, 2])
reply = b""
while chunk := connection.recv(64):
    reply += chunk
sys.exit(int(reply) if reply.strip() else 1)
"""


ROOT = Path(__file__).resolve().parents[1]
#: The server's program: this repository first on the path (the working folder may be any),
#: as for the console script.
SERVE = (
    "import sys; from pathlib import Path; sys.path[0] = {root!r}; "
    "from tests.cli_forkserver import serve; serve(Path(sys.argv[1]))"
)


@contextlib.contextmanager
def command_server(env: Mapping[str, str], cwd: Path, commands: Path) -> Iterator[Path]:
    """A server started with ``env`` in ``cwd``, and its client ``commands/estimator``
    (yielded); ``commands`` is a short folder of the caller's (a socket's path is short)."""
    socket_path = commands.parent / f"{commands.name}.socket"
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE.format(root=str(ROOT)), str(socket_path)],
        cwd=cwd,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        ready = server.stdout.readline().strip() == "ready"
        assert ready, server.communicate(timeout=30)[1]
        yield write_client(commands, socket_path)
    finally:
        server.kill()
        server.communicate(timeout=30)
        socket_path.unlink(missing_ok=True)


def write_client(folder: Path, socket_path: Path) -> Path:
    """An executable ``estimator`` in ``folder`` that runs its command through the server."""
    folder.mkdir(parents=True, exist_ok=True)
    client = folder / "estimator"
    client.write_text(CLIENT.format(python=sys.executable, path=str(socket_path)))
    client.chmod(0o755)
    return client


def _preload() -> None:
    import importlib
    import pkgutil

    for package_name in PRELOAD:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            try:
                importlib.import_module(module.name)
            except Exception:  # noqa: BLE001 - the child imports what it needs itself
                continue


def _receive(connection: socket.socket) -> tuple[dict[str, object], list[int]]:
    data, fds, _flags, _address = socket.recv_fds(connection, 1 << 16, _STREAMS)
    while len(data) < _LENGTH.size or len(data) < _LENGTH.size + _LENGTH.unpack_from(data)[0]:
        more = connection.recv(1 << 16)
        if not more:
            raise ConnectionError("the client went away mid-request")
        data += more
    size = _LENGTH.unpack_from(data)[0]
    payload = data[_LENGTH.size : _LENGTH.size + size].decode("utf-8", "surrogateescape")
    return json.loads(payload), list(fds)


def _exit_code(status: object) -> int:
    if status is None:
        return 0
    if isinstance(status, int):
        return status
    print(status, file=sys.stderr)
    return 1


def _end_with_the_client(connection: socket.socket) -> None:
    """The client sends nothing after its request: the end of the connection means it went
    away (killed on a timeout, say), and the command ends with it, as a process would."""
    with contextlib.suppress(OSError):
        connection.recv(1)
    os.kill(os.getpid(), signal.SIGKILL)


def _run_command(connection: socket.socket) -> None:
    """In the forked child: become the command's process, run it, report, and exit."""
    code = 1
    try:
        request, fds = _receive(connection)
        threading.Thread(target=_end_with_the_client, args=(connection,), daemon=True).start()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.chdir(str(request["cwd"]))
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in dict(request["env"]).items()})  # type: ignore[call-overload]
        sys.argv = ["estimator", *[str(a) for a in request["argv"]]]  # type: ignore[attr-defined]
        encoding = sys.stdout.encoding
        sys.stdin = open(0, encoding=encoding, closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding=encoding, closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding=encoding, errors="backslashreplace", closefd=False)  # noqa: SIM115
        from estimator.cli.main import main

        try:
            code = _exit_code(main())
        except SystemExit as stop:
            code = _exit_code(stop.code)
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BrokenPipeError, ValueError):
                stream.flush()
    except BaseException as error:  # noqa: BLE001 - the command's crash, as Python shows it
        import traceback

        traceback.print_exception(error)
        sys.stderr.flush()
    finally:
        try:
            connection.sendall(str(code).encode())
        finally:
            os._exit(code)


def serve(socket_path: Path) -> None:
    """Import the command line, then fork a child for each command until killed."""
    _preload()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path))
    listener.listen(16)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the children are reaped by the system
    print("ready", flush=True)
    while True:
        connection, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            _run_command(connection)
        connection.close()


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
