"""The flood screen's background work: reading the workbooks and assessing the inputs.

Both run off the GUI thread: the workbooks in a QThread, each assessment in the thread
pool; the screen keeps only the newest run's result.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThread, Signal

from estimator.domain.flood import FloodAssessment, SampleDraw, sampling_plan
from estimator.domain.flood_book import BookCheckLine
from estimator.domain.flood_inputs import AssessmentInputs
from estimator.domain.flood_lots import LotAssessment
from estimator.domain.flood_settlement import Settlement
from estimator.gui.flood_drawing import top_cm
from estimator.services.flood import read_flood_inputs
from estimator.services.flood_outcome import outcome_with_what_fits
from estimator.services.photos import Photo, attach_flood_photo
from kernel.problems import Problem

if TYPE_CHECKING:
    from estimator.services.database import Database


class ReadWorker(QThread):
    """Reads the workbooks once through the flood service, off the GUI thread."""

    finished_with = Signal(object)

    def __init__(self, inventory: Path, rules: Path, zone_depths: Path | None) -> None:
        super().__init__()
        self.inventory, self.rules, self.zone_depths = inventory, rules, zone_depths

    def run(self) -> None:
        self.finished_with.emit(read_flood_inputs(self.inventory, self.rules, self.zone_depths))


@dataclass(frozen=True)
class Assessed:
    """What one assessment run gives the screen."""

    generation: int
    problems: list[Problem]
    assessment: FloodAssessment | None = None
    plan: tuple[SampleDraw, ...] = ()
    #: The drawing's scale reaches this height (cm).
    top_cm: float = 1.0
    #: The lots per category, SKU and state, measured where they have test results.
    lots: tuple[LotAssessment, ...] = ()
    #: What the policy pays (None: no policy).
    settlement: Settlement | None = None
    #: Book against counted stock per SKU (None: no books given).
    book_check: tuple[BookCheckLine, ...] | None = None


class AssessSignals(QObject):
    """Carries an assessment run's result back to the GUI thread."""

    done = Signal(object)


class AssessJob(QRunnable):
    """Check and assess the inputs, their lots and settlement, in the thread pool."""

    def __init__(self, generation: int, inputs: AssessmentInputs, signals: AssessSignals) -> None:
        super().__init__()
        self.generation, self.inputs, self.signals = generation, inputs, signals

    def run(self) -> None:
        # The service path (lots and settlement as reported). When only test results or
        # disposal choices fail (another depth changed the lots), the rest is assessed with
        # those that fit, so the lots stay on screen to be corrected; the failing ones are
        # kept and listed, and saving refuses them.
        result = outcome_with_what_fits(self.inputs)
        assessment = result.assessment
        if result.status != "assessed" or assessment is None:
            self.signals.done.emit(Assessed(self.generation, result.problems))
            return
        top = top_cm(assessment.stacks, assessment.prevention.proposed_base_height_cm)
        self.signals.done.emit(
            Assessed(
                self.generation,
                result.problems,
                assessment,
                sampling_plan(assessment),
                top,
                result.lots,
                result.settlement,
                result.book_check,
            )
        )


def flood_attach(
    engine: Database, case_id: uuid.UUID, path: Path, actor: str, _line: object = None
) -> Photo:
    """The photos panel's attach, for a flood case (no estimate line)."""
    return attach_flood_photo(engine, case_id, path, actor)
