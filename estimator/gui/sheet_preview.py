"""The estimate sheet shown inside the application (QtPdf): pages, zoom, Print and Save as.

No external viewer is launched (a workstation may have none); the sheet's PDF is built off
the GUI thread while the dialog says it is being prepared."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QThread, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.errors import DomainError
from estimator.gui.banner import not_done_text
from estimator.gui.labels import in_language
from estimator.gui.printing import ask_printer, print_pdf
from estimator.services.connection import DatabaseUnavailable

#: Zoom steps of the zoom buttons (1.0: the page at its printed size).
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0


class SheetBuilder(QThread):
    """Builds the sheet's PDF through a service; hands back the bytes or the refusal."""

    built = Signal(object)

    def __init__(self, build: Callable[[], bytes]) -> None:
        super().__init__()
        self.build = build

    def run(self) -> None:
        try:
            self.built.emit(self.build())
        except (DomainError, DatabaseUnavailable, OSError) as refusal:
            self.built.emit(refusal)


class SheetPreview(QDialog):
    """估损单预览: the sheet's pages with page navigation, zoom, Print… and Save as…."""

    #: The sheet is shown (its page count is known).
    ready = Signal()

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Estimate sheet"))
        self.file_name = file_name
        self.pdf: bytes | None = None
        self.builder: SheetBuilder | None = None
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no end known: it moves while the sheet is built
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.page_label = QLabel()
        self.previous_button = QPushButton(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next page"))
        self.zoom_out_button = QPushButton(self.tr("Zoom out"))
        self.zoom_in_button = QPushButton(self.tr("Zoom in"))
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        close = QPushButton(self.tr("Close"))
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.reject)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        tools = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.page_label,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
        ):
            tools.addWidget(widget)
        tools.addStretch(1)
        for button in (self.print_button, self.save_button, close):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.print_button.setShortcut("Ctrl+P")
        self.save_button.setShortcut("Ctrl+S")
        self.next_button.setShortcut(Qt.Key.Key_PageDown)
        self.previous_button.setShortcut(Qt.Key.Key_PageUp)
        self._enable(False)
        self.resize(900, 720)

    # --- building and showing ---------------------------------------------------------

    def build(self, build: Callable[[], bytes]) -> None:
        """Build the sheet with ``build`` off the GUI thread, then show it."""
        self._enable(False)
        self.busy.show()
        self.status.setText(self.tr("Preparing the estimate sheet…"))
        self.builder = SheetBuilder(build)
        self.builder.built.connect(self._built)
        self.builder.start()

    def _built(self, outcome: object) -> None:
        self.busy.hide()
        if isinstance(outcome, bytes):
            self.show_pdf(outcome)
        elif isinstance(outcome, DomainError):
            self.status.setText(in_language(outcome))
        elif isinstance(outcome, DatabaseUnavailable):
            self.status.setText(not_done_text())
        else:
            self.status.setText(
                self.tr("The estimate sheet could not be made: %1").replace("%1", str(outcome))
            )

    def show_pdf(self, pdf: bytes) -> None:
        """Show ``pdf`` (the sheet's bytes) from its first page."""
        self.pdf = pdf
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() is not QPdfDocument.Status.Ready:
            self.status.setText(self.tr("The estimate sheet could not be shown."))
            return
        self.status.setText("")
        self._enable(True)
        self.go_to(0)
        self._show_page()
        self.ready.emit()

    def _enable(self, ready: bool) -> None:
        for button in (
            self.previous_button,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.print_button,
            self.save_button,
        ):
            button.setEnabled(ready)

    # --- pages and zoom ---------------------------------------------------------------

    def page_count(self) -> int:
        """How many pages the sheet has (0 until it is shown)."""
        return self.document.pageCount() if self.pdf is not None else 0

    def current_page(self) -> int:
        """The page shown, counted from 0."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        """Show ``page`` (from 0; kept within the sheet)."""
        if not self.page_count():
            return
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self._show_page()

    def _show_page(self) -> None:
        count, page = self.page_count(), self.current_page()
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(count))
            if count
            else ""
        )
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(count > 0 and page < count - 1)

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` (within 25 %…400 %)."""
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, current * factor)))

    # --- print and save ---------------------------------------------------------------

    def print_sheet(self) -> int:
        """Print through Qt's print dialog; the pages printed (0 when cancelled)."""
        if self.pdf is None:
            return 0
        printer = ask_printer(self)
        if printer is None:
            return 0
        printed = print_pdf(self.pdf, printer)
        if not printed:
            self.status.setText(self.tr("The printer could not be started."))
        return printed

    def save_as(self) -> Path | None:
        """Save the sheet's PDF where the user chooses; the file written, else None."""
        if self.pdf is None:
            return None
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the estimate sheet"), self.file_name, self.tr("PDF files (*.pdf)")
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError as error:
            self.status.setText(
                self.tr("Not saved: %1").replace("%1", error.strerror or str(error))
            )
            return None
        self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))
        return path

    def done(self, result: int) -> None:
        # A sheet still being built is waited for: its thread must not outlive the dialog.
        if self.builder is not None and self.builder.isRunning():
            self.builder.wait()
        super().done(result)
