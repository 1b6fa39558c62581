"""Printing the estimate sheet through Qt's print preview: the PDF's pages (rendered by QtPdf)
are drawn onto the printer, so the print is the very sheet the customer signs."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

#: The finest resolution a page is rendered at. A high-resolution printer (or Qt's PDF printer)
#: reports 1200 dpi: a rendered A4 page was then 139 megapixels (557 MB) and a two-page sheet
#: took ~6 s of CPU to print or preview; 600 dpi is a laser printer's own and takes a quarter.
MAX_RENDER_DPI = 600


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` onto ``printer``; returns the pages printed."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    pages = document.pageCount()
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    for page in range(pages):
        if page:
            printer.newPage()
        points = document.pagePointSize(page)
        size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
        image = document.render(page, size)
        target = painter.viewport()
        scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(0, 0, scaled.width(), scaled.height()), image)
    painter.end()
    document.close()
    return pages


def preview(pdf: bytes, parent: QWidget | None = None) -> None:
    """Qt's print preview of the sheet (print from there)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda target: print_pdf(pdf, target))
    dialog.exec()


def ask_printer(parent: QWidget | None = None) -> QPrinter | None:
    """Qt's print dialog: the printer chosen (A4, high resolution), or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer
