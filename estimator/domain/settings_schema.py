"""The settings schema: every limit and target of indicators.md as configuration data (its key,
type, bounds, default and label), parsing and checking a value, and the typed ``Settings``
the clocks and indicators read. Pure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from estimator.domain.errors import DomainError
from estimator.domain.onsite_documents import ITEM_WORDS
from kernel.money import NotExactError, parse_decimal
from kernel.problems import (
    Language,
    Problem,
    Worded,
    current_language,
    register_messages,
    render,
)


class Kind(StrEnum):
    """What a setting's value is."""

    WHOLE = "whole"  # a whole number (minutes, days)
    DECIMAL = "decimal"  # an exact Decimal of at most ``places`` places (hours, yuan)
    RATIO = "ratio"  # a share between 0 and 1 (0.10 = 10 %)
    CHOICE = "choice"  # one of ``choices``
    CODES = "codes"  # some of ``choices``, comma-separated, in order (a checklist)
    TIME_ZONE = "time_zone"  # an IANA time zone name (Asia/Shanghai)


class DayKind(StrEnum):
    """How a day clock counts its days."""

    CALENDAR = "calendar"
    WORKING = "working"


#: The words of the choices, both languages (the UI never shows a code).
CHOICE_WORDS: dict[str, tuple[str, str]] = {
    DayKind.CALENDAR: ("自然日", "calendar days"),
    DayKind.WORKING: ("工作日", "working days"),
    **ITEM_WORDS,
}

#: The longest value text read at all (a time zone name is the longest kind but a list).
MAX_VALUE_TEXT = 64
#: The longest list of codes (the stored value has room for 200 characters).
MAX_CODES_TEXT = 200
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its key, kind, bounds and default (as stored text)."""

    key: str
    kind: Kind
    default: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    places: int = 0
    choices: tuple[str, ...] = ()

    def label(self, language: Language | None = None) -> str:
        """What the setting is, in the user's language (registered as ``setting.<key>``)."""
        return render(f"setting.{self.key}", None, language)

    def parse(self, text: str) -> int | Decimal | str:
        """The value of ``text``, or a DomainError naming the key, the value and why."""
        problem = self.problem(text)
        if problem is not None:
            raise DomainError("setting_refused", key=self.key, value=text, reason=problem)
        return _value(self, text.strip())

    def problem(self, text: str) -> Problem | None:
        """Why ``text`` is not a value of this setting (None: it is one)."""
        shown = text.strip()
        if not shown:
            return Problem("required")
        limit = MAX_CODES_TEXT if self.kind is Kind.CODES else MAX_VALUE_TEXT
        if len(shown) > limit:
            return Problem("text_too_long", params={"limit": limit})
        if self.kind is Kind.CHOICE:
            if _choice(self, shown) is not None:
                return None
            words = [CHOICE_WORDS.get(c, (c, c))[0] for c in self.choices]
            choices = Worded("、".join(words), ", ".join(self.choices))
            return Problem("unknown_choice", params={"choices": choices})
        if self.kind is Kind.CODES:
            return _codes_problem(self, shown)
        if self.kind is Kind.TIME_ZONE:
            return None if _is_time_zone(shown) else Problem("not_a_time_zone")
        try:
            _number(self, shown)
        except NotExactError as error:
            params: dict[str, object] = {"places": self.places}
            if error.code == "below_minimum":
                params["minimum"] = error.bound
            if error.code == "above_maximum":
                params["maximum"] = error.bound
            code = "not_an_integer" if error.code == "too_many_places" and not self.places else None
            return Problem(code or error.code, params=params)
        return None

    def shown(self, value: int | Decimal | str, language: Language | None = None) -> str:
        """A value as the user reads it (a choice as its word, a ratio as written)."""
        english = (language or current_language()) == "en"
        if self.kind is Kind.CHOICE:
            zh, en = CHOICE_WORDS.get(str(value), (str(value), str(value)))
            return en if english else zh
        if self.kind is Kind.CODES:
            words = [CHOICE_WORDS.get(c, (c, c))[english] for c in str(value).split(",")]
            return (", " if english else "、").join(words)
        return str(value)


def _number(spec: SettingSpec, text: str) -> Decimal:
    return parse_decimal(text, max_places=spec.places, minimum=spec.minimum, maximum=spec.maximum)


def _choice(spec: SettingSpec, text: str) -> str | None:
    """The choice ``text`` names: its code, or its word in either language."""
    for choice in spec.choices:
        if text.casefold() in {choice, *(w.casefold() for w in CHOICE_WORDS.get(choice, ()))}:
            return choice
    return None


def _codes_problem(spec: SettingSpec, text: str) -> Problem | None:
    """Why ``text`` is not a list of ``spec``'s choices (None: it is one)."""
    parts = [p.strip() for p in re.split("[,，、]", text) if p.strip()]
    if parts and all(_choice(spec, p) is not None for p in parts):
        return None
    words = [CHOICE_WORDS.get(c, (c, c))[0] for c in spec.choices]
    choices = Worded("、".join(words), ", ".join(spec.choices))
    return Problem("unknown_choice", params={"choices": choices})


def _value(spec: SettingSpec, text: str) -> int | Decimal | str:
    if spec.kind is Kind.CHOICE:
        return _choice(spec, text) or text
    if spec.kind is Kind.CODES:
        codes = [_choice(spec, p.strip()) or p.strip() for p in re.split("[,，、]", text)]
        return ",".join(dict.fromkeys(c for c in codes if c))
    if spec.kind is Kind.TIME_ZONE:
        return text
    number = _number(spec, text)
    return int(number) if spec.kind is Kind.WHOLE else number


def _is_time_zone(name: str) -> bool:
    if not _ZONE_NAME.fullmatch(name):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _minutes(key: str, default: int) -> SettingSpec:
    return SettingSpec(key, Kind.WHOLE, str(default), Decimal(1), Decimal(24 * 60))


def _hours(key: str, default: str) -> SettingSpec:
    return SettingSpec(key, Kind.DECIMAL, default, Decimal("0.25"), Decimal(30 * 24), places=2)


def _days(key: str, default: int, day_kind: DayKind) -> tuple[SettingSpec, SettingSpec]:
    prefix = key.rsplit(".", 1)[0]
    return (
        SettingSpec(key, Kind.WHOLE, str(default), Decimal(1), Decimal(365)),
        SettingSpec(f"{prefix}.day_kind", Kind.CHOICE, day_kind, choices=tuple(DayKind)),
    )


def _ratio(key: str, default: str) -> SettingSpec:
    return SettingSpec(key, Kind.RATIO, default, Decimal(0), Decimal(1), places=4)


def _yuan(key: str, default: str) -> SettingSpec:
    return SettingSpec(key, Kind.DECIMAL, default, Decimal(0), Decimal(1000000), places=2)


#: Every setting, in the order the list and the screen show them (indicators.md's defaults).
SCHEMA: tuple[SettingSpec, ...] = (
    _minutes("clock.contact.minutes", 5),
    _minutes("clock.arrival.city_minutes", 30),
    _minutes("clock.arrival.suburban_minutes", 60),
    _hours("clock.entrusted_survey.hours", "1"),
    _hours("clock.on_site.hours", "2"),
    _hours("clock.standard.hours", "24"),
    *_days("clock.awaiting_teardown.days", 2, DayKind.CALENDAR),
    *_days("clock.teardown_items.days", 2, DayKind.CALENDAR),
    *_days("clock.teardown_estimate.days", 5, DayKind.CALENDAR),
    *_days("clock.resubmission.days", 2, DayKind.CALENDAR),
    *_days("clock.review.days", 1, DayKind.WORKING),
    SettingSpec("cycle.target.large_days", Kind.WHOLE, "20", Decimal(1), Decimal(365)),
    SettingSpec("cycle.target.ordinary_days", Kind.WHOLE, "5", Decimal(1), Decimal(365)),
    _ratio("authority.sample_rate", "0.10"),
    SettingSpec("pending.review_every_days", Kind.WHOLE, "14", Decimal(1), Decimal(365)),
    SettingSpec("chase.penalty.first", Kind.DECIMAL, "100", Decimal(0), Decimal(100000), places=2),
    SettingSpec("chase.penalty.factor", Kind.DECIMAL, "2", Decimal(1), Decimal(10), places=2),
    _ratio("documents.target_rate", "0.90"),
    SettingSpec(
        "documents.checklist.simple",
        Kind.CODES,
        "driving_licence,vehicle_licence,accident_determination,bank_card,id_card",
        choices=tuple(ITEM_WORDS),
    ),
    SettingSpec(
        "documents.checklist.ordinary",
        Kind.CODES,
        ",".join(ITEM_WORDS),
        choices=tuple(ITEM_WORDS),
    ),
    SettingSpec("display.timezone", Kind.TIME_ZONE, "Asia/Shanghai"),
    # Settlement (理赔, settlement.md): the total-loss lines, the compulsory cover's property
    # limits and the named liability shares; the defaults are the 2020 clauses'.
    SettingSpec(
        "settlement.total_loss.threshold", Kind.RATIO, "1.00", Decimal("0.01"), Decimal(1), places=4
    ),
    SettingSpec(
        "settlement.total_loss.warning", Kind.RATIO, "0.80", Decimal("0.01"), Decimal(1), places=4
    ),
    SettingSpec(
        "settlement.total_loss.salvage_share",
        Kind.RATIO,
        "0.10",
        Decimal(0),
        Decimal("0.99"),
        places=4,
    ),
    _yuan("settlement.compulsory.with_liability", "2000.00"),
    _yuan("settlement.compulsory.without_liability", "100.00"),
    _ratio("settlement.liability.full", "1.00"),
    _ratio("settlement.liability.main", "0.70"),
    _ratio("settlement.liability.equal", "0.50"),
    _ratio("settlement.liability.minor", "0.30"),
    _ratio("settlement.liability.none", "0.00"),
)
SPECS: dict[str, SettingSpec] = {spec.key: spec for spec in SCHEMA}


def spec_of(key: str) -> SettingSpec:
    """The setting called ``key``, or a DomainError saying there is none."""
    spec = SPECS.get(key.strip())
    if spec is None:
        raise DomainError("setting_unknown", key=key)
    return spec


def parse_setting(key: str, text: str) -> int | Decimal | str:
    """The value ``text`` of the setting ``key``, checked (a DomainError naming both)."""
    return spec_of(key).parse(text)


@dataclass(frozen=True)
class Settings:
    """Every setting's value: the defaults overlaid by the stored ones (the clocks' input)."""

    values: Mapping[str, int | Decimal | str] = field(default_factory=dict)

    @classmethod
    def of(cls, stored: Mapping[str, str]) -> Settings:
        """The defaults overlaid by ``stored`` texts; a stored text that no longer parses
        (a narrowed bound, an unknown key) is ignored for the default."""
        values: dict[str, int | Decimal | str] = {}
        for spec in SCHEMA:
            text = stored.get(spec.key)
            good = text is not None and spec.problem(text) is None
            values[spec.key] = _value(spec, text.strip() if good and text else spec.default)
        return cls(values)

    def __getitem__(self, key: str) -> int | Decimal | str:
        if key in self.values:
            return self.values[key]
        spec = spec_of(key)
        return _value(spec, spec.default)

    def whole(self, key: str) -> int:
        """A whole-number setting."""
        value = self[key]
        assert isinstance(value, int)
        return value

    def decimal(self, key: str) -> Decimal:
        """A Decimal (or ratio) setting."""
        value = self[key]
        assert isinstance(value, Decimal)
        return value

    def text(self, key: str) -> str:
        """A choice or time zone setting."""
        return str(self[key])

    def minutes_limit(self, key: str) -> dt.timedelta:
        """A limit in minutes (``clock.contact.minutes``) as a duration."""
        return dt.timedelta(minutes=self.whole(key))

    def hours_limit(self, clock: str) -> dt.timedelta:
        """The limit of an hour clock (``on_site``: ``clock.on_site.hours``)."""
        # Two places of an hour are whole seconds (0.01 h = 36 s): exact, no float.
        return dt.timedelta(seconds=int(self.decimal(f"clock.{clock}.hours") * 3600))

    def days_limit(self, clock: str) -> tuple[int, DayKind]:
        """The limit of a day clock (``review``): how many days, and which kind of day."""
        return self.whole(f"clock.{clock}.days"), DayKind(self.text(f"clock.{clock}.day_kind"))

    @property
    def time_zone(self) -> ZoneInfo:
        """The time zone every time is shown in."""
        return ZoneInfo(self.text("display.timezone"))


register_messages(
    {
        "setting_unknown": ("没有设置项 {key}", "there is no setting {key}"),
        "setting_refused": (
            "设置项 {key} 不能设为 “{value}”：{reason}",
            "the setting {key} cannot be '{value}': {reason}",
        ),
        "not_a_time_zone": (
            "不是时区名称 (例如 Asia/Shanghai)",
            "not a time zone name (such as Asia/Shanghai)",
        ),
        "setting.clock.contact.minutes": ("首次联系时限 (分钟)", "first contact limit (minutes)"),
        "setting.clock.arrival.city_minutes": (
            "到达现场时限：市区 (分钟)",
            "arrival limit in the city (minutes)",
        ),
        "setting.clock.arrival.suburban_minutes": (
            "到达现场时限：郊区 (分钟)",
            "arrival limit in the suburbs (minutes)",
        ),
        "setting.clock.entrusted_survey.hours": (
            "委托查勘时限 (小时)",
            "entrusted survey limit (hours)",
        ),
        "setting.clock.on_site.hours": ("现场定损时限 (小时)", "on-site estimate limit (hours)"),
        "setting.clock.standard.hours": ("标准定损时限 (小时)", "standard estimate limit (hours)"),
        "setting.clock.awaiting_teardown.days": (
            "待拆解时限 (天)",
            "awaiting teardown limit (days)",
        ),
        "setting.clock.awaiting_teardown.day_kind": (
            "待拆解时限的计日方式",
            "awaiting teardown: how days count",
        ),
        "setting.clock.teardown_items.days": (
            "拆解项目确定时限 (天)",
            "teardown items fixed limit (days)",
        ),
        "setting.clock.teardown_items.day_kind": (
            "拆解项目确定时限的计日方式",
            "teardown items fixed: how days count",
        ),
        "setting.clock.teardown_estimate.days": (
            "拆检定损完成时限 (天)",
            "teardown estimate limit (days)",
        ),
        "setting.clock.teardown_estimate.day_kind": (
            "拆检定损完成时限的计日方式",
            "teardown estimate: how days count",
        ),
        "setting.clock.resubmission.days": (
            "退回后重新提交时限 (天)",
            "resubmission after a return limit (days)",
        ),
        "setting.clock.resubmission.day_kind": (
            "重新提交时限的计日方式",
            "resubmission: how days count",
        ),
        "setting.clock.review.days": ("核损时限 (天)", "review limit (days)"),
        "setting.clock.review.day_kind": ("核损时限的计日方式", "review: how days count"),
        "setting.cycle.target.large_days": (
            "前端周期目标：大案组 (天)",
            "front-end cycle target, large-case group (days)",
        ),
        "setting.cycle.target.ordinary_days": (
            "前端周期目标：普通案件 (天)",
            "front-end cycle target, ordinary cases (days)",
        ),
        "setting.authority.sample_rate": (
            "权限内定损抽检率 (0–1)",
            "share of approvals within authority sampled (0–1)",
        ),
        "setting.pending.review_every_days": (
            "未决清单检视周期 (天)",
            "pending list reviewed every (days)",
        ),
        "setting.chase.penalty.first": ("首次催问扣款 (元)", "penalty of the first chase (yuan)"),
        "setting.chase.penalty.factor": (
            "再次催问扣款倍数",
            "factor of each further chase's penalty",
        ),
        "setting.documents.target_rate": (
            "现场单证收集率目标 (0–1)",
            "on-site document collection target (0–1)",
        ),
        "setting.documents.checklist.simple": (
            "现场单证清单：简易程序",
            "on-site documents checklist, simple procedure",
        ),
        "setting.documents.checklist.ordinary": (
            "现场单证清单：普通程序",
            "on-site documents checklist, ordinary procedure",
        ),
        "setting.display.timezone": ("显示时区", "time zone of displayed times"),
        "setting.settlement.total_loss.threshold": (
            "理赔：推定全损比例 (0–1)",
            "settlement: total-loss threshold (0–1)",
        ),
        "setting.settlement.total_loss.warning": (
            "理赔：接近推定全损提示比例 (0–1)",
            "settlement: near-total-loss warning line (0–1)",
        ),
        "setting.settlement.total_loss.salvage_share": (
            "理赔：整车残值比例 (0–1)",
            "settlement: whole-vehicle salvage share of the actual value (0–1)",
        ),
        "setting.settlement.compulsory.with_liability": (
            "理赔：交强险财产损失限额，有责 (元)",
            "settlement: compulsory property damage limit, at fault (yuan)",
        ),
        "setting.settlement.compulsory.without_liability": (
            "理赔：交强险财产损失限额，无责 (元)",
            "settlement: compulsory property damage limit, not at fault (yuan)",
        ),
        "setting.settlement.liability.full": (
            "理赔：全部责任比例 (0–1)",
            "settlement: share of full liability (0–1)",
        ),
        "setting.settlement.liability.main": (
            "理赔：主要责任比例 (0–1)",
            "settlement: share of main liability (0–1)",
        ),
        "setting.settlement.liability.equal": (
            "理赔：同等责任比例 (0–1)",
            "settlement: share of equal liability (0–1)",
        ),
        "setting.settlement.liability.minor": (
            "理赔：次要责任比例 (0–1)",
            "settlement: share of minor liability (0–1)",
        ),
        "setting.settlement.liability.none": (
            "理赔：无责任比例 (0–1)",
            "settlement: share of no liability (0–1)",
        ),
    }
)
