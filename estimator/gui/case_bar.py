"""The editor's case bar: who and what the estimate is for (claim, plate, model, VIN check, shop,
region, price type, version, status, the next deadline), the "Case details…" button, the
return reasons while a version is returned, and the no-price-difference guarantee's status."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from estimator.domain.clocks import Clock, next_due
from estimator.domain.guarantee import Disqualification
from estimator.domain.pricing import PricedEstimate
from estimator.domain.regions import region_name
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus
from estimator.gui.labels import clock_state_text, clock_text, price_type_text, shop_class_text
from estimator.gui.models import STATUS_TEXT
from estimator.gui.models import tr as model_text
from estimator.services import estimate_store, workflow
from estimator.services.guarantee import agreement_for, certificate_of, qualify_priced
from kernel.clock import LOCAL_ZONE, to_local, utcnow
from kernel.problems import Language
from parts_catalog.vin import check_vin

if TYPE_CHECKING:
    from estimator.services.database import Database

GREEN, RED, GREY = "#1b5e20", "#c62828", "#666"


class CaseBar(QWidget):
    """The header line of the open estimate, its case details button and guarantee line."""

    def __init__(self, engine: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.stored: estimate_store.StoredEstimate | None = None
        self.priced: PricedEstimate | None = None
        self.header = QLabel(self.tr("No estimate open"))
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)  # it shares its row with the "Case details…" button
        self.details_button = QPushButton(self.tr("Case details…"))
        self.details_button.setToolTip(
            self.tr("Correct the plate, VIN, insured, claim number, shop, region, paint or model")
        )
        self.details_button.setEnabled(False)
        self.returned = QLabel()
        self.returned.setObjectName("return-reasons")
        self.returned.setWordWrap(True)
        self.returned.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.returned.setStyleSheet(
            f"color: {RED}; background: #fff3e0; padding: 2px 4px; border-radius: 3px;"
        )
        self.returned.hide()
        self.guarantee = QLabel()
        self.guarantee.setObjectName("guarantee-status")
        self.guarantee.setTextFormat(Qt.TextFormat.RichText)
        self.guarantee.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.returned)
        layout.addWidget(self.guarantee)

    def language(self) -> str:
        """zh or en: the interface's language, for texts the domain gives in both."""
        return "zh" if self.locale().name().startswith("zh") else "en"

    def waiting(self) -> None:
        """Nothing shown while the database server is away."""
        self.header.setText(self.tr("Waiting for the database server…"))

    def show_estimate(
        self,
        stored: estimate_store.StoredEstimate,
        priced: PricedEstimate | None,
        returned: tuple[str, str] | None = None,
    ) -> None:
        """Show a stored version; ``returned`` is (who, reasons) of its last return."""
        self.stored, self.priced = stored, priced
        self.details_button.setEnabled(True)
        self.header.setText(self._header_text(stored))
        if stored.status is EstimateStatus.RETURNED and returned is not None:
            who, reasons = returned
            self.returned.setText(
                self.tr("Returned by %1: %2")
                .replace("%1", who)
                .replace("%2", reasons or self.tr("no reasons given"))
            )
            self.returned.show()
        else:
            self.returned.hide()
        self._show_guarantee()

    def _vin_text(self, vin: str) -> str:
        if not vin:
            return self.tr("VIN") + " —"
        checked = check_vin(vin)
        warning = ""
        if not checked.well_formed:
            warning = self.tr("a VIN has 17 characters without I, O or Q")
        elif not checked.check_digit_ok:
            warning = (
                self.tr("the check digit should be %1, found %2")
                .replace("%1", checked.expected_check_digit or "?")
                .replace("%2", checked.vin[8])
            )
        text = f"{self.tr('VIN')} {html.escape(vin)}"
        return text + (f" <span style='color:{RED}'>⚠ {warning}</span>" if warning else "")

    def _clock_text(self, clocks: list[Clock], zone: str = LOCAL_ZONE) -> str:
        """The next open clock with its due time (local), or else the last one met, in words:
        a clock met late says by how many hours, never plain "met"."""
        now = utcnow()
        due = next_due(clocks)
        if due is not None:
            late = due.overdue(now)
            text = self.tr("%1 overdue since %2") if late else self.tr("%1 due %2")
            words = text.replace("%1", clock_text(due.name)).replace(
                "%2", f"{to_local(due.due, zone):%m-%d %H:%M}"
            )
            return f" · <span style='color:{RED if late else GREEN}'>{html.escape(words)}</span>"
        met = max(clocks, key=lambda c: c.met_at or c.due, default=None)
        if met is None:
            return ""
        state = clock_state_text(met.state(now).value, met.late_hours(now))
        words = self.tr("%1: %2").replace("%1", clock_text(met.name)).replace("%2", state)
        late = met.overdue(now)
        return f" · <span style='color:{RED if late else GREEN}'>{html.escape(words)}</span>"

    def _header_text(self, stored: estimate_store.StoredEstimate) -> str:
        e = stored.estimate
        status = model_text(STATUS_TEXT[stored.status])
        clock = self._clock_text(*workflow.case_clocks(self.engine, stored.id))
        language: Language = "zh" if self.language() == "zh" else "en"
        region = region_name(e.region, language)
        obj = stored.loss_object
        named = html.escape(e.plate)
        if obj is not None and obj.kind is not ObjectKind.INSURED_VEHICLE:
            named = html.escape(obj.title(language))  # 三者车1 浙B54321, 三者物损1 路政
        if obj is not None and obj.kind is ObjectKind.THIRD_PARTY_PROPERTY:
            what = obj.description if obj.owner and obj.description != obj.owner else ""
            return (
                f"<b>{html.escape(e.claim_no)}</b> · {named}"
                + (f" · {html.escape(what)}" if what else "")
                + f"<br>{html.escape(region)} · v{stored.version_no} <b>{status}</b>{clock}"
            )
        vehicle_class = self.tr("class %1").replace("%1", str(e.vehicle_class))
        return (
            f"<b>{html.escape(e.claim_no)}</b> · {named} · "
            f"{html.escape(e.model_code)} ({vehicle_class}) · {self._vin_text(e.vin)}<br>"
            f"{html.escape(e.shop_name)} · {shop_class_text(e.shop_class)} · "
            f"{html.escape(region)} · {price_type_text(e.price_type)} · "
            f"v{stored.version_no} <b>{status}</b>{clock}"
        )

    def _show_guarantee(self) -> None:
        """Whether the estimate carries, or qualifies for, the no-price-difference guarantee,
        and exactly why not."""
        assert self.stored is not None
        e = self.stored.estimate
        obj = self.stored.loss_object
        # Property is not repaired at a shop: the guarantee has nothing to say about it.
        self.guarantee.setVisible(obj is None or obj.kind is not ObjectKind.THIRD_PARTY_PROPERTY)
        certificate = certificate_of(self.engine, self.stored.id)
        if certificate is not None:
            if certificate.matches:
                text = (
                    self.tr("Guarantee certificate No. %1, valid until %2")
                    .replace("%1", certificate.number)
                    .replace("%2", certificate.valid_to.isoformat())
                )
                self.guarantee.setText(f"<span style='color:{GREEN}'>✔ {text}</span>")
            else:
                text = self.tr(
                    "Certificate No. %1 no longer matches the approved content; a changed estimate needs a new certificate"
                ).replace("%1", certificate.number)
                self.guarantee.setText(f"<span style='color:{RED}'>✘ {text}</span>")
            return
        if not e.partner and agreement_for(self.engine, e.shop_name) is None:
            text = self.tr("No guarantee: not a partner shop")
            self.guarantee.setText(f"<span style='color:{GREY}'>{text}</span>")
            return
        reasons = self.guarantee_reasons()
        if not reasons:
            text = self.tr("Qualifies for the no-price-difference guarantee")
            self.guarantee.setText(f"<span style='color:{GREEN}'>✔ {text}</span>")
            return
        zh = self.language() == "zh"
        items = "".join(
            "<li>"
            + ("" if r.line is None else self.tr("line %1: ").replace("%1", str(r.line + 1)))
            + html.escape(r.message_zh if zh else r.message_en)
            + "</li>"
            for r in reasons
        )
        heading = self.tr("Does not qualify for the no-price-difference guarantee:")
        self.guarantee.setText(
            f"<span style='color:{RED}'>✘ {heading}</span>"
            f"<ul style='margin:0; color:{RED}'>{items}</ul>"
        )

    def guarantee_reasons(self) -> list[Disqualification]:
        """Why the open estimate does not qualify (priced once, by the reload that shows it)."""
        assert self.stored is not None
        return qualify_priced(self.engine, self.stored, self.priced)
