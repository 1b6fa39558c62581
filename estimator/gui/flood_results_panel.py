"""The flood screen's results: the totals, the stacks drawn with their layers and the water
line, the results per category with the sampling plan, and the lots with their test results
beside the settlement, in tabs."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from estimator.domain.flood import LayerState, StackAssessment
from estimator.gui.flood_drawing import Legend, StackGrid
from estimator.gui.flood_jobs import Assessed
from estimator.gui.flood_lots_tab import FloodLotsTab
from estimator.gui.flood_models import FloodCategoriesModel, SamplingPlanModel, money
from estimator.gui.flood_open import read_only_table
from kernel.problems import Language

#: The category table grows to show this many rows before it scrolls.
MAX_FITTED_ROWS = 12


class FloodResultsPanel(QWidget):
    """The totals above the tabs of an assessment's results (the screen adds its own tabs)."""

    def __init__(self, language: Language = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_names = {
            LayerState.DRY: self.tr("Dry"),
            LayerState.PARTIAL: self.tr("Partly wet"),
            LayerState.SUBMERGED: self.tr("Submerged"),
            LayerState.COLLAPSED: self.tr("Collapsed"),
        }
        self.totals = QLabel(self.tr("Load an inventory and its loss rules."))
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._stacks_tab(), self.tr("Stacks"))
        self.tabs.addTab(self._results_tab(), self.tr("Categories and sampling"))
        self.lots_tab = FloodLotsTab(language)
        self.tabs.addTab(self.lots_tab, self.tr("Lots and tests"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.totals)
        layout.addWidget(self.tabs, 1)

    def _stacks_tab(self) -> QWidget:
        """The stacks drawn with their layers and the water line."""
        self.grid = StackGrid()
        self.grid.tooltip = self._tooltip
        self.stack_scroll = QScrollArea()
        self.stack_scroll.setWidgetResizable(True)
        self.stack_scroll.setWidget(self.grid)
        legend = Legend(
            self.state_names,
            self.tr("Water"),
            self.tr("Base (pallet)"),
            self.tr("Proposed base height"),
        )
        stacks_tab = QWidget()
        stacks_layout = QVBoxLayout(stacks_tab)
        stacks_layout.addWidget(legend)
        stacks_layout.addWidget(self.stack_scroll, 1)
        return stacks_tab

    def _results_tab(self) -> QWidget:
        """The results per category and the sampling plan."""
        self.categories = FloodCategoriesModel()
        self.category_table = read_only_table(self.categories)
        self.plan = SamplingPlanModel()
        self.plan_table = read_only_table(self.plan)
        self.plan_note = QLabel(
            self.tr(
                "Sample sizes follow GB/T 2828.1, general inspection level II, single sampling, normal inspection; each category's sample is spread over its wet stacks."
            )
        )
        self.plan_note.setWordWrap(True)
        results_tab = QWidget()
        results_layout = QVBoxLayout(results_tab)
        results_layout.addWidget(self.category_table, 2)
        results_layout.addWidget(QLabel(self.tr("Sampling plan")))
        results_layout.addWidget(self.plan_note)
        results_layout.addWidget(self.plan_table, 3)
        return results_tab

    def _fit_categories(self) -> None:
        """Show every category and the totals row without scrolling (up to a dozen rows)."""
        table = self.category_table
        rows = min(self.categories.rowCount(), MAX_FITTED_ROWS)
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(rows))
        table.setMinimumHeight(max(height, table.horizontalHeader().height() * 3))

    def set_proposed(self, cm: Decimal) -> None:
        """Draw the proposed base height on the stacks."""
        self.grid.set_proposed(cm)

    def show_result(self, result: Assessed) -> None:
        """Show one assessment run's results (none: the inputs have errors)."""
        a = result.assessment
        if a is None:
            self.categories.set_rows([])
            self.plan.set_rows([])
            self.lots_tab.show_lots((), None)
            self.grid.set_stacks((), 1.0, None)
            self.totals.setText(
                self.tr("The inputs have errors (listed on the left); nothing is assessed.")
            )
            return
        self.categories.set_rows(list(a.categories), a.totals)
        self._fit_categories()
        self.plan.set_rows(list(result.plan))
        self.lots_tab.show_lots(result.lots, result.settlement)
        self.grid.set_stacks(a.stacks, result.top_cm, a.prevention.proposed_base_height_cm)
        t = a.totals
        self.totals.setText(
            self.tr("%1 units, %2 wet · loss ¥%3 · salvage ¥%4 · net ¥%5")
            .replace("%1", f"{t.units:,}")
            .replace("%2", f"{t.wet_units:,}")
            .replace("%3", money(t.loss))
            .replace("%4", money(t.salvage))
            .replace("%5", money(t.net))
        )

    def _tooltip(self, a: StackAssessment) -> str:
        head = f"{a.stack.location} · {a.stack.category} · {a.stack.sku} {a.stack.description}"
        seen = []
        if a.stack.water_mark_cm is not None:
            seen.append(self.tr("Water mark seen: %1 cm").replace("%1", f"{a.stack.water_mark_cm}"))
        if a.stack.observed_collapse is not None:
            seen.append(
                self.tr("Seen collapsed")
                if a.stack.observed_collapse
                else self.tr("Seen standing (no collapse)")
            )
        return "\n".join(
            [
                head,
                *seen,
                *(
                    f"{self.state_names[line.state]}: {line.layers} × {line.units}  "
                    f"¥{money(line.loss)}"
                    for line in a.lines
                ),
            ]
        )
