"""A looked-up value with its source: every priced figure says where it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A looked-up value and where it came from (catalog version, standard row)."""

    value: T
    source: str
    #: For a dated value (a catalog price): the date it is in force from.
    effective_date: dt.date | None = None
