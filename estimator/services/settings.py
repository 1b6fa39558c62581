"""Settings use cases: the limits and targets in force (defaults overlaid by the stored
values), and changing or resetting one (administrators only, audited with the old and the
new value; a bad key or value is refused with nothing written)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.settings_schema import SCHEMA, Settings, spec_of
from estimator.domain.settlement_settings import settlement_problem
from estimator.domain.workflow import Role
from estimator.persistence.settings import SettingsRepository
from estimator.persistence.uow import UnitOfWork
from estimator.services.users import User, require_roles
from kernel.clock import utcnow
from kernel.problems import Language

#: The audit trail's entity of a setting (its id is the key).
ENTITY = "setting"


@dataclass(frozen=True)
class SettingView:
    """One setting as the list and the screen show it."""

    key: str
    kind: str
    #: The value in force and the default, as stored text (a choice as its code).
    value: str
    default: str
    #: Who stored the value and when (empty and None: it has its default).
    changed_by: str = ""
    changed_at: dt.datetime | None = None

    @property
    def is_default(self) -> bool:
        """Whether no value is stored (the default is in force)."""
        return self.changed_at is None

    def label(self, language: Language | None = None) -> str:
        """What the setting is, in the user's language."""
        return spec_of(self.key).label(language)

    def shown(self, text: str, language: Language | None = None) -> str:
        """A value of it (this one's ``value`` or ``default``) as the user reads it."""
        spec = spec_of(self.key)
        return spec.shown(spec.parse(text), language)


def current_settings(engine: Engine) -> Settings:
    """Every setting in force: the defaults overlaid by the stored values."""
    return Settings.of({key: value for key, (value, _by, _at) in _stored(engine).items()})


def display_zone(engine: Engine) -> str:
    """The time zone the administrators chose for displayed times (``display.timezone``)."""
    return current_settings(engine).text("display.timezone")


def settings_in(uow: UnitOfWork) -> Settings:
    """:func:`current_settings` read in ``uow`` (a document's or a list's one snapshot)."""
    return Settings.of({key: row.value for key, row in uow.settings.all().items()})


def list_settings(engine: Engine) -> list[SettingView]:
    """Every setting in the schema's order, with its value, default and last change."""
    stored = _stored(engine)
    settings = Settings.of({key: value for key, (value, _by, _at) in stored.items()})
    views = []
    for spec in SCHEMA:
        in_force = _text(settings[spec.key])
        value, by, at = stored.get(spec.key, ("", "", None))
        # A stored value that no longer parses left the default in force: no change shown.
        changed = value == in_force
        views.append(
            SettingView(
                spec.key,
                spec.kind.value,
                in_force,
                spec.default,
                by if changed else "",
                at if changed else None,
            )
        )
    return views


def _stored(engine: Engine) -> dict[str, tuple[str, str, dt.datetime | None]]:
    """The stored settings by key: value, changed by, changed at."""
    with UnitOfWork(engine) as uow:
        rows = SettingsRepository(uow.session).all()
        return {key: (r.value, r.changed_by, r.changed_at) for key, r in rows.items()}


def get_setting(engine: Engine, key: str) -> SettingView:
    """One setting (a DomainError when there is no such key)."""
    spec = spec_of(key)
    return next(v for v in list_settings(engine) if v.key == spec.key)


def set_setting(engine: Engine, key: str, value: str, actor: User) -> SettingView:
    """Store a setting's new value (administrators; audited: key, old, new)."""
    require_roles(actor, {Role.ADMIN})
    spec = spec_of(key)
    new = _text(spec.parse(value))
    with UnitOfWork(engine, write=True) as uow:
        repository = SettingsRepository(uow.session)
        row = repository.get(spec.key)
        old = spec.default if row is None else row.value
        if row is None or row.value != new:
            _check_together(repository, spec.key, new)
            repository.put(spec.key, new, actor.username, utcnow())
            uow.audit.record(
                actor=actor.username,
                entity=ENTITY,
                entity_id=spec.key,
                action="set_setting",
                detail={"key": spec.key, "old": old, "new": new},
            )
            uow.commit()
    return get_setting(engine, spec.key)


def reset_setting(engine: Engine, key: str, actor: User) -> SettingView:
    """Forget a setting's stored value: its default is in force again (administrators;
    audited: key, old, new). Nothing is written when it has its default already."""
    require_roles(actor, {Role.ADMIN})
    spec = spec_of(key)
    with UnitOfWork(engine, write=True) as uow:
        repository = SettingsRepository(uow.session)
        row = repository.get(spec.key)
        if row is not None:
            old = row.value
            _check_together(repository, spec.key, spec.default)
            repository.remove(spec.key)
            uow.audit.record(
                actor=actor.username,
                entity=ENTITY,
                entity_id=spec.key,
                action="reset_setting",
                detail={"key": spec.key, "old": old, "new": spec.default},
            )
            uow.commit()
    return get_setting(engine, spec.key)


def _check_together(repository: SettingsRepository, key: str, text: str) -> None:
    """Refuse ``key`` = ``text`` when it breaks a rule between settings (the near-total-loss
    line past the threshold): a DomainError saying which, nothing written."""
    stored = {k: row.value for k, row in repository.all().items()}
    problem = settlement_problem(Settings.of({**stored, key: text}))
    if problem is not None:
        raise DomainError(problem.code, **problem.params)


def _text(value: object) -> str:
    """A parsed value as stored text (a Decimal keeps its written places: 0.10)."""
    return str(value)
