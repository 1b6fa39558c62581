"""The demo database's file name and people: what the demo builder (``demo``) creates and
the demo cache (``demo_cache``) signs in with, in a module of their own so that neither of
those two imports the other for them."""

from __future__ import annotations

from estimator.domain.workflow import Role

DEMO_FILE = "demo.sqlite3"
#: Demo people and their passwords (a demo database only).
DEMO_USERS = (
    ("wang", "王定损", (Role.ASSESSOR,), "demo-wang-1"),
    ("li", "李核损", (Role.REVIEWER,), "demo-li-1"),
    ("admin", "管理员", (Role.ADMIN, Role.MAINTAINER), "demo-admin-1"),
)
#: Who imports the demo's catalog, labor standard and partner shops (a maintainer).
DEMO_MAINTAINER = "admin"
