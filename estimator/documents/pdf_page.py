"""What every printed document shares: the bundled CJK font, the page footer with
"第 X 页 共 Y 页", and the box kept free for the assessor's digital signature stamp."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

FONT_NAME = "WenQuanYiMicroHei"


def register_font() -> None:
    """Register the bundled WenQuanYi Micro Hei with reportlab (once)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return
    path = Path(str(resources.files("estimator.resources").joinpath("fonts", "wqy-microhei.ttc")))
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))


@dataclass(frozen=True)
class SignatureSpot:
    """Where the assessor's digital signature stamp goes: page (0-based) and box in points."""

    page: int
    box: tuple[float, float, float, float]


def spot_keeper(spots: list[SignatureSpot]) -> Any:
    """An empty 50 × 11 mm flowable that appends where it was drawn to ``spots``."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable

    class SpotKeeper(Flowable):  # type: ignore[misc]
        """An empty box that remembers where it was drawn."""

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 50 * mm, 11 * mm

        def draw(self) -> None:
            x, y = self.canv.absolutePosition(0, 0)
            spots.append(
                SignatureSpot(self.canv.getPageNumber() - 1, (x, y, x + 50 * mm, y + 11 * mm))
            )

    return SpotKeeper()


def numbered_canvas(footer_left: str) -> Any:
    """A canvas class that prints ``footer_left`` and "第 X 页 共 Y 页" on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds each page back until the end, so every footer can say "共 Y 页"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT_NAME, 7.5)
                self.drawString(15 * mm, 10 * mm, footer_left)
                self.drawRightString(
                    A4[0] - 15 * mm, 10 * mm, f"第 {self._pageNumber} 页 共 {len(self._pages)} 页"
                )
                super().showPage()
            super().save()

    return NumberedCanvas
