"""argparse's own words in the user's language: the Chinese command line said "usage:",
"options:", "the following arguments are required" in English around Chinese text.

argparse looks its messages up through ``gettext`` at the moment it prints them (and its
group titles when a parser is built), as the module-level names ``_`` and ``ngettext``; those
two are pointed here, and a message without a Chinese entry stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

from kernel.problems import current_language

#: argparse 3.11–3.13's messages a user can meet, with their placeholders kept.
ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示此帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r (可选：%(choices)s)",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r (可选：%(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
#: ngettext's singular and plural of "expected N arguments".
ZH_PLURAL: dict[str, str] = {
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
}


def gettext(message: str) -> str:
    """argparse's ``_``: the Chinese words when messages are Chinese."""
    if current_language() == "zh":
        return ZH.get(message, message)
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``."""
    chosen = singular if n == 1 else plural
    if current_language() == "zh":
        return ZH_PLURAL.get(chosen, chosen)
    return chosen


def install() -> None:
    """Point argparse's lookups here (idempotent; harmless to other parsers in the process:
    an English or unknown message comes back unchanged)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
