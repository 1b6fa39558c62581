"""Problems as values: what is wrong, where, and why, in the user's language.

Validators return ``list[Problem]`` rather than raising on the first error, so that a
maintainer sees every bad row of a workbook at once (style.md, after Beancount).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Language = Literal["zh", "en"]

#: Message templates by code: (simplified Chinese, English). Parameters use str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("必填项为空", "a value is required"),
    "not_a_number": ("不是数字", "not a number"),
    "not_an_integer": ("不是整数", "not a whole number"),
    "too_many_places": ("小数位数超过 {places} 位", "more than {places} decimal places"),
    "below_minimum": ("不能小于 {minimum}", "must not be less than {minimum}"),
    "above_maximum": ("不能大于 {maximum}", "must not be more than {maximum}"),
    "number_text_too_long": ("数字的位数过多", "the number has too many digits"),
    "float_cell": ("数值无法精确表示", "the number cannot be held exactly"),
    "not_a_date": ("不是日期 (应为 YYYY-MM-DD)", "not a date (expected YYYY-MM-DD)"),
    "not_yes_no": ("应为 是/否 (yes/no)", "expected yes/no (是/否)"),
    "duplicate_key": ("与第 {other_row} 行重复", "duplicates row {other_row}"),
    "year_range": ("起始年款晚于终止年款", "year_from is after year_to"),
    "vin_prefix": (
        "VIN 前缀应为 6–11 位 VIN 字符 (不含 I、O、Q)",
        "a VIN prefix must be 6–11 VIN characters (no I, O or Q)",
    ),
    "unknown_model": (
        "车型 {model} 既不在本工作簿中也不在目录中",
        "model {model} is neither in this workbook nor in the catalog",
    ),
    "no_price": ("至少需要一个价格", "at least one price is required"),
    "no_region": (
        "缺少地区 (填写地区列或使用 --region)",
        "no region (fill the region column or pass --region)",
    ),
    "bad_part_no": ("配件编码只能含字母、数字", "a part number may hold letters and digits only"),
    "missing_sheet": ("缺少工作表 {sheet}", "the sheet {sheet} is missing"),
    "missing_column": ("缺少列 {column}", "the column {column} is missing"),
    "duplicate_column": ("列 {column} 出现了两次", "the column {column} appears twice"),
    "ignored_column": ("未识别的列，已忽略", "unknown column, ignored"),
    "formula_cell": ("单元格是公式，请粘贴为数值", "the cell holds a formula; paste it as a value"),
    "text_too_long": ("文本超过 {limit} 个字符", "text longer than {limit} characters"),
    "not_a_workbook": ("不是 Excel 工作簿 (.xlsx)", "not an Excel workbook (.xlsx)"),
    "encrypted_workbook": (
        "工作簿已加密，请先在 Excel 中取消密码",
        "the workbook is encrypted; remove the password in Excel first",
    ),
    "corrupt_workbook": ("工作簿已损坏: {detail}", "the workbook is damaged: {detail}"),
    "oversized_workbook": (
        "工作簿过大 ({detail})，拒绝打开",
        "the workbook is too large ({detail}); refused",
    ),
    "zip_bomb": (
        "工作簿压缩比异常 ({detail})，疑似压缩炸弹，拒绝打开",
        "the workbook's compression ratio is abnormal ({detail}); refused as a possible zip bomb",
    ),
    "unsafe_xml": (
        "工作簿含有不安全的 XML (实体或外部引用)，拒绝打开",
        "the workbook holds unsafe XML (entities or external references); refused",
    ),
    "too_many_rows": ("行数超过上限 {limit}", "more rows than the limit of {limit}"),
    "xml_guard_off": (
        "缺少 defusedxml 或已被关闭 (OPENPYXL_DEFUSEDXML)，为安全起见拒绝读取工作簿",
        "defusedxml is missing or turned off (OPENPYXL_DEFUSEDXML); workbooks are refused",
    ),
    "no_file": ("文件不存在", "the file does not exist"),
    "disk_full": (
        "磁盘已满，未能保存；之前保存的内容完好无损，请腾出空间后重试",
        "the disk is full; nothing was saved, what was saved before is intact. "
        "Free some space and try again",
    ),
    "read_only_database": (
        "数据库文件只读，未能保存；之前保存的内容完好无损 (请检查文件或文件夹的写入权限)",
        "the database file is read-only; nothing was saved, what was saved before is intact "
        "(check the write permission of the file and its folder)",
    ),
    "database_busy": (
        "数据库正被另一程序占用，未能保存，请稍后重试",
        "the database is in use by another program; nothing was saved. Try again shortly",
    ),
    "storage_failed": (
        "写入数据库失败 ({detail})，未能保存；之前保存的内容完好无损",
        "writing to the database failed ({detail}); nothing was saved, what was saved "
        "before is intact",
    ),
    "unknown_choice": ("不是可选值之一 ({choices})", "not one of the allowed values ({choices})"),
    "bad_include": (
        "包含作业 “{item}” 应为 部件编码:作业",
        "the included operation '{item}' should be component_code:operation",
    ),
}


def register_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Add a package's message templates (codes must not clash)."""
    clash = set(messages) & set(MESSAGES)
    if clash - {c for c in clash if MESSAGES[c] == messages[c]}:
        raise ValueError(f"message codes defined twice: {sorted(clash)}")
    MESSAGES.update(messages)


def current_language() -> Language:
    """The language for messages: ESTIMATOR_LANG, else LANG, Chinese by default."""
    chosen = os.environ.get("ESTIMATOR_LANG") or os.environ.get("LANG", "")
    return "en" if chosen.lower().startswith("en") else "zh"


@dataclass(frozen=True)
class Worded:
    """A message parameter that reads differently in each language (a code word, a joined list)."""

    zh: object
    en: object


def described(problems: Iterable[Problem]) -> Worded:
    """Problems described one after the other, as a parameter of a message."""
    shown = list(problems)
    return Worded(
        "；".join(p.describe("zh") for p in shown), "; ".join(p.describe("en") for p in shown)
    )


def render(
    code: str, params: Mapping[str, object] | None = None, language: Language | None = None
) -> str:
    """The message for ``code`` in ``language`` with its parameters filled in.

    A parameter may be :class:`Worded` (its text in that language) or a :class:`Problem`
    (its reason in that language), so that a message never mixes the two languages.
    """
    lang = language or current_language()
    zh, en = MESSAGES.get(code, (code, code))
    template = en if lang == "en" else zh
    values = {name: in_language(value, lang) for name, value in (params or {}).items()}
    return template.format(**values)


def in_language(value: object, language: Language | None = None) -> object:
    """A parameter as it reads in ``language`` (the user's by default)."""
    language = language or current_language()
    if isinstance(value, Worded):
        return value.en if language == "en" else value.zh
    if isinstance(value, Problem):
        return value.reason(language)
    return value


class WordedByCode:
    """A message code and its parameters, worded from the registry in either language (the
    domain's findings, refusals and disqualifications share this)."""

    code: str
    params: dict[str, object]

    @property
    def message_zh(self) -> str:
        """The message in Chinese."""
        return render(self.code, self.params, "zh")

    @property
    def message_en(self) -> str:
        """The message in English."""
        return render(self.code, self.params, "en")

    def message(self, language: str) -> str:
        """The message in ``language`` (zh or en)."""
        return self.message_en if language == "en" else self.message_zh


@dataclass(frozen=True)
class Problem:
    """One problem in an input, pointing back at where it is."""

    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    #: ``error`` rejects the row (or the file); ``note`` is information only.
    severity: Literal["error", "note"] = "error"
    #: Where in a JSON document (``lines[3].qty``), for problems that are not in a workbook.
    path: str | None = None

    def reason(self, language: Language | None = None) -> str:
        """The reason alone, in the user's language."""
        return render(self.code, self.params, language)

    def describe(self, language: Language | None = None) -> str:
        """Where, what and why in one line."""
        lang = language or current_language()
        where: list[str] = []
        if self.path is not None:
            where.append(self.path)
        if self.sheet is not None:
            where.append(f"工作表 {self.sheet}" if lang == "zh" else f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"第 {self.row} 行" if lang == "zh" else f"row {self.row}")
        if self.column is not None:
            where.append(f"列 {self.column}" if lang == "zh" else f"column {self.column}")
        text = ", ".join(where)
        if self.value not in (None, ""):
            shown = str(self.value)
            if len(shown) > 60:
                shown = shown[:57] + "…"
            text += f" [{shown}]"
        return f"{text}: {self.reason(lang)}" if text else self.reason(lang)
