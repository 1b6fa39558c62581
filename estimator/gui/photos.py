"""Photos of a case: thumbnails made off the GUI thread, added by file dialog or drag and drop."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QImageIOHandler,
    QImageReader,
    QPixmap,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.errors import DomainError
from estimator.gui.labels import in_language
from estimator.services.connection import DatabaseUnavailable
from estimator.services.photos import Photo, attach_photo, list_photos, photo_bytes
from kernel.image_guard import check_dimensions, check_photo_pixels
from kernel.problems import Language, Problem

if TYPE_CHECKING:
    from estimator.services.database import Database

THUMBNAIL = 128


def thumbnail(data: bytes, name: str) -> QImage | Problem:
    """``data`` scaled to a thumbnail, or why not: the size its header declares is checked
    against the pixel limit before anything is decoded (a photo stored before the limit, or
    a bomb in the database, is refused here, not decoded to gigabytes)."""
    if (refused := check_photo_pixels(data, name)) is not None:
        return refused
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    declared = reader.size()  # Qt's reading of the header: what its decoder would allocate
    if declared.isValid():
        if (refused := check_dimensions(declared.width(), declared.height(), name)) is not None:
            return refused
        if reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize):
            # A JPEG is decoded straight at the small size; for other kinds Qt would scale
            # after reading, through a second full-size copy, so those are scaled below.
            reader.setScaledSize(
                declared.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio)
            )
    image = reader.read()
    if image.isNull():  # the header was sound, the picture behind it is not
        return Problem("photo_undecodable", params={"name": name})
    if max(image.width(), image.height()) > 4 * THUMBNAIL:
        # Smooth scaling converts a picture with transparency to a premultiplied full-size
        # copy first (twice the memory: a 50 MP PNG would pass the 500 MB bound); the fast
        # scaling to four times the thumbnail makes no such copy.
        image = image.scaled(
            4 * THUMBNAIL,
            4 * THUMBNAIL,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
    return image.scaled(
        THUMBNAIL,
        THUMBNAIL,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class _Signals(QObject):
    done = Signal(str, QImage)
    refused = Signal(str, str)


class _Thumbnail(QRunnable):
    """Decode and scale one photo in the thread pool (QImage, not QPixmap, off the GUI thread)."""

    def __init__(self, engine: Database, sha256: str, name: str, signals: _Signals) -> None:
        super().__init__()
        self.engine = engine
        self.sha256 = sha256
        self.name = name
        self.signals = signals
        self.language: Language = "zh" if QLocale().name().startswith("zh") else "en"

    def run(self) -> None:
        try:
            data = photo_bytes(self.engine, self.sha256)
        except DatabaseUnavailable:
            return  # no thumbnail now; the photo is read again when the case is next shown
        made = thumbnail(data, self.name)
        if isinstance(made, Problem):
            self.signals.refused.emit(self.sha256, made.reason(self.language))
            return
        self.signals.done.emit(self.sha256, made)


class PhotosPanel(QWidget):
    """The case's photos; large images never block the window."""

    def __init__(self, engine: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor = actor
        self.case_id: uuid.UUID | None = None
        #: Returns (line key, line number) of the line the photos should belong to, or None.
        self.current_line: Callable[[], tuple[uuid.UUID, int] | None] = lambda: None
        self.line_numbers: dict[uuid.UUID, int] = {}
        #: The services that keep and list the photos (a flood case's photos have their own).
        self.attach: Callable[..., Photo] = attach_photo
        self.listing: Callable[[Database, uuid.UUID], list[Photo]] = list_photos
        self.pool = QThreadPool(self)
        self.signals = _Signals()
        self.signals.done.connect(self._show_thumbnail)
        self.signals.refused.connect(self._show_refusal)
        self.items: dict[str, list[QListWidgetItem]] = {}
        #: Photos whose thumbnail was refused (too many pixels declared): a warning icon instead.
        self.refused: set[str] = set()
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.to_line = QCheckBox(self.tr("Attach to the selected line"))
        add = QPushButton(self.tr("Add photos…"))
        add.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(QLabel(self.tr("or drop image files here")))
        row.addWidget(self.to_line)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.list)
        self.setAcceptDrops(True)

    def open(self, case_id: uuid.UUID, line_numbers: dict[uuid.UUID, int] | None = None) -> None:
        """Show a case's photos; those of a line are captioned with its number."""
        self.case_id = case_id
        self.line_numbers = line_numbers or {}
        self.list.clear()
        self.items = {}
        self.refused = set()
        for photo in self.listing(self.engine, case_id):
            self._add_item(photo.sha256, photo.filename, photo.line_key)

    def _add_item(self, sha256: str, name: str, line_key: uuid.UUID | None = None) -> None:
        number = self.line_numbers.get(line_key) if line_key else None
        caption = (
            name if number is None else f"{self.tr('Line %1').replace('%1', str(number))}\n{name}"
        )
        item = QListWidgetItem(caption)
        item.setData(Qt.ItemDataRole.UserRole, sha256)
        self.list.addItem(item)
        self.items.setdefault(sha256, []).append(item)
        self.pool.start(_Thumbnail(self.engine, sha256, name, self.signals))

    def _show_thumbnail(self, sha256: str, image: QImage) -> None:
        for item in self.items.get(sha256, []):
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _show_refusal(self, sha256: str, reason: str) -> None:
        """A photo not shown (its header declares too many pixels, or it is damaged): said under
        the list and on its item, which shows a warning sign instead of the picture."""
        self.refused.add(sha256)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for item in self.items.get(sha256, []):
            item.setIcon(warning)  # keeps the item in the grid, beside the thumbnails
            item.setToolTip(reason)
        shown = self.message.text()
        if reason not in shown:
            self.message.setText(f"{shown}\n{reason}" if shown else reason)

    def add_files(self, paths: list[Path]) -> int:
        """Attach image files to the case; returns how many were attached."""
        if self.case_id is None:
            return 0
        problems = []
        attached = 0
        line = self.current_line() if self.to_line.isChecked() else None
        if line is not None:
            self.line_numbers[line[0]] = line[1]
        for path in paths:
            try:
                photo = self.attach(
                    self.engine, self.case_id, path, self.actor, None if line is None else line[0]
                )
            except DomainError as error:
                problems.append(in_language(error))
                continue
            self._add_item(photo.sha256, photo.filename, photo.line_key)
            attached += 1
        self.message.setText("\n".join(problems))
        return attached

    def thumbnails_ready(self) -> int:
        """How many items show their thumbnail (for tests and status)."""
        return sum(
            1
            for i in range(self.list.count())
            if not self.list.item(i).icon().isNull()
            and self.list.item(i).data(Qt.ItemDataRole.UserRole) not in self.refused
        )

    def _choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos"),
            "",
            self.tr("Images (*.jpg *.jpeg *.png *.gif *.bmp *.webp)"),
        )
        self.add_files([Path(n) for n in names])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.add_files(paths)
        event.acceptProposedAction()
