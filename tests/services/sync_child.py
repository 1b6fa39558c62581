"""The check-in the sync kill test kills: forked from a server that imported the services
once, it checks a laptop in to the team server and is killed by the parent at a random
moment, or kills itself at a chosen step (after the server committed, in the middle of the
laptop's closing transaction), the moments that matter most."""

from __future__ import annotations

import os
import signal
from typing import Any

from sqlalchemy import event

from estimator.persistence.database import create_database_engine
from estimator.services import sync_checkin

#: Where the child kills itself: "" (the parent kills it), "after_apply", "in_finish".
STEPS = ("", "after_apply", "in_finish")


def _die(*_: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def run(server_url: str, laptop_url: str, username: str, step: str) -> None:
    """Check in, dying at ``step`` if one is named."""
    server = create_database_engine(server_url)
    laptop = create_database_engine(laptop_url)
    if step == "after_apply":
        original = sync_checkin.finish

        def finish_after_dying(*args: Any) -> None:
            _die()
            original(*args)

        sync_checkin.finish = finish_after_dying  # type: ignore[assignment]
    elif step == "in_finish":
        applied = {"server": False}
        original_apply = sync_checkin.apply

        def apply_then_arm(*args: Any) -> dict[str, Any]:
            result = original_apply(*args)
            applied["server"] = True
            return result

        sync_checkin.apply = apply_then_arm  # type: ignore[assignment]

        @event.listens_for(laptop, "commit")
        def _before_commit(_connection: Any) -> None:
            if applied["server"]:
                _die()  # the laptop's closing transaction, before it commits

    sync_checkin.checkin(server, laptop, username)
