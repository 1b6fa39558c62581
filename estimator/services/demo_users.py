"""The demo database's file name and people: what the demo builder (``demo``) creates and
the demo cache (``demo_cache``) signs in with, in a module of their own so that neither of
those two imports the other for them."""

from __future__ import annotations

from decimal import Decimal

from estimator.domain.workflow import Group, Role

DEMO_FILE = "demo.sqlite3"
#: Demo people and their passwords (a demo database only).
DEMO_USERS = (
    ("wang", "王定损", (Role.ASSESSOR,), "demo-wang-1"),
    ("li", "李核损", (Role.REVIEWER,), "demo-li-1"),
    ("admin", "管理员", (Role.ADMIN, Role.MAINTAINER), "demo-admin-1"),
    ("zhou", "周经理", (Role.MANAGER,), "demo-zhou-1"),
)
#: 定损权限: the demo assessors who approve their own on-site estimates up to this total (the
#: customer then signs the final sheet at the scene); the others have none.
DEMO_AUTHORITY = {"wang": Decimal("2000.00"), "liu": Decimal("2000.00")}
#: Who imports the demo's catalog, labor standard and partner shops (a maintainer).
DEMO_MAINTAINER = "admin"
#: Who decides the history's estimates (the demo's reviewer).
DEMO_REVIEWER = "li"
#: The assessors of the demo's three months of history (demo_history), each with the
#: pattern the indicators should show: (username, display name, password, group).
HISTORY_ASSESSORS = (
    ("chen", "陈定损", "demo-chen-1", Group.LARGE),  # large cases, steady and on time
    ("zhao", "赵定损", "demo-zhao-1", Group.LARGE),  # slow, resubmits late after a return
    ("liu", "刘定损", "demo-liu-1", Group.ORDINARY),  # the fastest
    ("zhang", "张定损", "demo-zhang-1", Group.ORDINARY),  # chased often
    ("huang", "黄定损", "demo-huang-1", Group.ORDINARY),  # suburban, arrives late
    ("wu", "吴定损", "demo-wu-1", Group.ORDINARY),  # new: many returns
)


def demo_passwords() -> dict[str, str]:
    """Every demo person's password by username (the demo's people and the history's
    assessors): who ``estimator --demo --demo-user NAME`` may sign in as."""
    people = {name: password for name, _display, _roles, password in DEMO_USERS}
    return people | {name: password for name, _display, password, _group in HISTORY_ASSESSORS}
