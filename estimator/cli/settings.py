"""``estimator settings``: the limits and targets in force (``list``, ``get``) and changing
or resetting one (``set``, ``reset``: an administrator, audited)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from estimator.cli.common import (
    OK,
    actor_argument,
    command,
    group,
    open_engine,
    say,
    signed_in,
)
from estimator.domain.workflow import Role
from kernel.clock import to_local
from kernel.problems import current_language, register_messages

register_messages(
    {
        "settings.settings": ("设置 (时限与目标)", "settings (limits and targets)"),
        "settings.list_command": ("列出全部设置项及其当前值", "list every setting and its value"),
        "settings.get_command": ("显示一个设置项", "show one setting"),
        "settings.set_command": (
            "修改一个设置项 (管理员，记入审计)",
            "change a setting (administrators, audited)",
        ),
        "settings.reset_command": (
            "将一个设置项恢复为默认值 (管理员，记入审计)",
            "put a setting back to its default (administrators, audited)",
        ),
        "help.settings.key": (
            "设置项，例如 clock.contact.minutes",
            "the setting, such as clock.contact.minutes",
        ),
        "help.settings.value": ("新的值", "the new value"),
        "help.settings.json": ("以 JSON 输出", "print JSON"),
        "settings.default_mark": ("默认", "default"),
        "settings.changed_mark": ("{by} 于 {at} 修改", "changed by {by} at {at}"),
        "settings.set_done": ("已设置 {key} = {value}", "{key} set to {value}"),
        "settings.reset_done": (
            "{key} 已恢复为默认值 {value}",
            "{key} is back to its default {value}",
        ),
    }
)


def add_parser(sub: Any) -> None:
    """``settings list [--json]``, ``get KEY [--json]``, ``set KEY VALUE --as ADMIN``,
    ``reset KEY --as ADMIN``."""
    settings = group(sub, "settings", say("settings.settings"))
    p = command(settings, "list", say("settings.list_command"), cmd_list, "settings list")
    p.add_argument("--json", action="store_true", help=say("help.settings.json"))
    p = command(settings, "get", say("settings.get_command"), cmd_get, "settings get")
    p.add_argument("key", help=say("help.settings.key"))
    p.add_argument("--json", action="store_true", help=say("help.settings.json"))
    p = command(settings, "set", say("settings.set_command"), cmd_set, "settings set")
    p.add_argument("key", help=say("help.settings.key"))
    p.add_argument("value", help=say("help.settings.value"))
    actor_argument(p)
    p = command(settings, "reset", say("settings.reset_command"), cmd_reset, "settings reset")
    p.add_argument("key", help=say("help.settings.key"))
    actor_argument(p)


def cmd_list(args: argparse.Namespace) -> int:
    """Every setting: key, value in force, default, label and last change."""
    from estimator.services.settings import list_settings

    views = list_settings(open_engine(args))
    if args.json:
        print(json.dumps([_document(v) for v in views], ensure_ascii=False, indent=1))
        return OK
    for view in views:
        print(_line(view))
    return OK


def cmd_get(args: argparse.Namespace) -> int:
    """One setting (its value alone on the first line, for scripts)."""
    from estimator.services.settings import get_setting

    view = get_setting(open_engine(args), args.key)
    if args.json:
        print(json.dumps(_document(view), ensure_ascii=False))
        return OK
    print(view.value)
    print(_line(view))
    return OK


def cmd_set(args: argparse.Namespace) -> int:
    """Change a setting (an administrator; audited; a bad key or value changes nothing)."""
    from estimator.services.settings import set_setting

    engine = open_engine(args)
    admin = signed_in(args, engine, {Role.ADMIN})
    view = set_setting(engine, args.key, args.value, admin)
    print(say("settings.set_done", key=view.key, value=view.shown(view.value)))
    return OK


def cmd_reset(args: argparse.Namespace) -> int:
    """Put a setting back to its default (an administrator; audited)."""
    from estimator.services.settings import reset_setting

    engine = open_engine(args)
    admin = signed_in(args, engine, {Role.ADMIN})
    view = reset_setting(engine, args.key, admin)
    print(say("settings.reset_done", key=view.key, value=view.shown(view.value)))
    return OK


def _document(view: Any) -> dict[str, object]:
    """A setting as JSON: the values as stored text (a choice as its code)."""
    return {
        "key": view.key,
        "kind": view.kind,
        "value": view.value,
        "default": view.default,
        "label": view.label(),
        "changed_by": view.changed_by or None,
        "changed_at": view.changed_at.isoformat() if view.changed_at else None,
    }


def _line(view: Any) -> str:
    """``key  value  (default|changed by … at …)  label`` for the plain list."""
    language = current_language()
    if view.is_default:
        state = say("settings.default_mark")
    else:
        at = to_local(view.changed_at).strftime("%Y-%m-%d %H:%M")
        state = say("settings.changed_mark", by=view.changed_by, at=at)
    return f"{view.key:<42} {view.shown(view.value, language):<14} [{state}] {view.label()}"
