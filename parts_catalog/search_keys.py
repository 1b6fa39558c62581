"""Search keys computed once at import: full pinyin, initials and n-grams of a part name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_RUN = re.compile(r"[0-9a-z]+")


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a Chinese character."""
    return bool(_CJK.match(char))


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds any Chinese character."""
    return bool(_CJK.search(text))


@lru_cache(maxsize=200_000)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name: 前保险杠皮 → ('qianbaoxianganpi', 'qbxgp').

    Latin letters and digits in a name are kept whole in both keys (LED大灯 → 'leddd'),
    since that is how assessors type them. Cached: catalogs repeat names a great deal.
    """
    from pypinyin import Style, lazy_pinyin  # 0.25 s to import: only imports need it

    text = unicodedata.normalize("NFKC", name).lower()
    full: list[str] = []
    initials: list[str] = []
    for segment in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        if has_cjk(segment):
            continue
        if (
            segment
            and segment[0].isascii()
            and segment[0].isalpha()
            and _is_syllable(segment, text)
        ):
            full.append(segment)
            initials.append(segment[0])
        else:
            for run in _ASCII_RUN.findall(segment):
                full.append(run)
                initials.append(run)
    return "".join(full), "".join(initials)


def _is_syllable(segment: str, text: str) -> bool:
    # lazy_pinyin returns non-Chinese runs unchanged; a run that appears verbatim in the
    # source text is a Latin word, not a pinyin syllable.
    return segment not in text


def name_grams(name: str, initials: str) -> str:
    """Space-separated 1- and 2-character grams of the name and 2-grams of the initials.

    These feed the short-query index: trigram indexes cannot answer queries of one or two
    characters (大灯, 车门, "dd"), which are the commonest type-ahead queries.
    """
    text = unicodedata.normalize("NFKC", name).lower()
    chars = [c for c in text if not c.isspace()]
    grams = set(chars)
    grams.update(a + b for a, b in pairwise(chars))
    grams.update(a + b for a, b in pairwise(initials))
    return " ".join(sorted(g for g in grams if g.isalnum()))
