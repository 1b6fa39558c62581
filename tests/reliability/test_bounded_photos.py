"""A photo is read within the stated memory bound, or refused in words first (reliability.md,
promise 16): the size on disk before it is read, the pixels its header declares before
anything decodes it (kernel/image_guard.py).

Each hostile photo goes, in a subprocess whose peak resident memory is read as it exits
(test_bounded_input.py's way), through the attach service (the workstation's *Add photos…*),
through ``estimator flood assess --photo`` and through the workstation's thumbnail: refused
in words with the figure and the limit, nothing stored or written, the peak far below the
bound. A control run with the limit raised shows the thumbnail run does see a decode, so a
low peak means nothing was decoded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from kernel.bounds import DEFAULT_MEMORY_MB
from kernel.image_guard import DEFAULT_MEGAPIXELS, MAX_PHOTO_BYTES, PIXELS_ENV, image_size
from tests.hostile_images import jpeg_declaring, png
from tests.reliability.figures import LIMITS, record
from tests.reliability.test_bounded_input import ROOT, TIME_BOUND_S, Run, run_measured
from tests.reliability.test_hostile_imports import fingerprint

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="peak memory is read in /proc")

LIMITS["photo"] = (
    f"{MAX_PHOTO_BYTES:,} bytes on disk, {DEFAULT_MEGAPIXELS} megapixels declared ({PIXELS_ENV})"
)


#: What each hostile photo declares (or is), for the figures and the refusals' words.
DECLARES = {
    "PNG bomb": "50,000 x 50,000 pixels (10 GB decoded)",
    "JPEG bomb": "65,535 x 65,535 pixels",
    "56 MP PNG": "7,500 x 7,500 pixels (225 MB decoded)",
    "41 MB file": "41 MiB: a PNG header, then zeros",
    "50 MP PNG": "8,000 x 6,250 pixels with transparency (200 MB decoded)",
    "50 MP JPEG": "8,000 x 6,250 pixels (150 MB decoded)",
}


@pytest.fixture(scope="session")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile_photos")
    paths = {
        "PNG bomb": folder / "bomb.png",
        "JPEG bomb": folder / "bomb.jpg",
        "56 MP PNG": folder / "large.png",
        "41 MB file": folder / "huge.png",
        "good": folder / "good.png",
        "50 MP PNG": folder / "limit.png",
        "50 MP JPEG": folder / "limit.jpg",
    }
    paths["PNG bomb"].write_bytes(png(50_000, 50_000, color=0, rows=600))
    paths["JPEG bomb"].write_bytes(jpeg_declaring(65_535, 65_535))
    paths["56 MP PNG"].write_bytes(png(7_500, 7_500))
    with paths["41 MB file"].open("wb") as out:  # sparse: written without holding 41 MB
        out.write(png(1, 1))
        out.truncate(41 * 1024 * 1024)
    paths["good"].write_bytes(png(4_000, 3_000, color=2))  # 12 MP: a phone's photo
    paths["50 MP PNG"].write_bytes(png(8_000, 6_250))  # at the limit, the worst kind
    from PIL import Image

    Image.new("RGB", (8_000, 6_250), "steelblue").save(paths["50 MP JPEG"], quality=90)
    return paths


def test_the_hostile_photos_are_what_they_say(photos: dict[str, Path]) -> None:
    assert photos["PNG bomb"].stat().st_size < 40_000
    assert image_size(photos["PNG bomb"].read_bytes()) == (50_000, 50_000)
    assert image_size(photos["JPEG bomb"].read_bytes()) == (65_535, 65_535)
    assert image_size(photos["56 MP PNG"].read_bytes()) == (7_500, 7_500)
    assert photos["41 MB file"].stat().st_size == 41 * 1024 * 1024 > MAX_PHOTO_BYTES


REFUSALS = {
    "PNG bomb": ["bomb.png declares 50000 x 50000 pixels (2,500.0 megapixels)", "50 megapixels"],
    "JPEG bomb": ["bomb.jpg declares 65535 x 65535 pixels", "50 megapixels", PIXELS_ENV],
    "56 MP PNG": ["large.png declares 7500 x 7500 pixels (56.2 megapixels)", "50 megapixels"],
    "41 MB file": [f"({41 * 1024 * 1024} bytes)", f"the limit for a photo is {MAX_PHOTO_BYTES}"],
}
HOSTILE = list(REFUSALS)


def measured(script: str, *args: str, env: dict[str, str] | None = None) -> Run:
    """``python -c SCRIPT ARGS`` (offscreen Qt, English), with its peak resident memory."""
    peak_file = Path(args[0]).parent / "script-peak.kib"
    peak_file.unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK + script, *args],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "ESTIMATOR_LANG": "en",
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
            "PEAK_FILE": str(peak_file),
            **(env or {}),
        },
        timeout=TIME_BOUND_S,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = int(peak_file.read_text()) / 1024
    return Run(done.returncode, done.stdout, done.stderr, peak, seconds)


#: Writes the process's peak resident memory (VmHWM) to PEAK_FILE as it exits.
PEAK = """
import atexit, os
def _peak():
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    with open(os.environ["PEAK_FILE"], "w") as out:
        out.write(fields["VmHWM"].split()[0])
atexit.register(_peak)
"""

#: The attach service, as the workstation's *Add photos…* calls it: DATABASE CASE PHOTO.
ATTACH = """
import sys, uuid
from pathlib import Path
from estimator.domain.errors import DomainError
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.photos import attach_photo
engine = create_database_engine(sqlite_url(Path(sys.argv[1])))
try:
    photo = attach_photo(engine, uuid.UUID(sys.argv[2]), Path(sys.argv[3]), "wang")
except DomainError as refused:
    print(refused.message_en, file=sys.stderr)
    sys.exit(1)
print(photo.sha256)
"""

#: The workstation's thumbnail of a photo's bytes: PHOTO.
THUMBNAIL = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from estimator.gui.photos import thumbnail
from kernel.problems import Problem
application = QGuiApplication([])
made = thumbnail(Path(sys.argv[1]).read_bytes(), Path(sys.argv[1]).name)
if isinstance(made, Problem):
    print(made.reason("en"), file=sys.stderr)
    sys.exit(1)
print(made.width(), made.height())
"""


def assert_refused(run: Run, words: list[str], peak_mb: float = 160) -> None:
    """Exit 1, the words, no traceback, the peak far below the bound."""
    assert "Traceback" not in run.err, run.err
    assert run.code == 1, (run.code, run.out, run.err)
    for word in words:
        assert word in run.err, run.err
    assert run.peak_mb < min(peak_mb, DEFAULT_MEMORY_MB), f"peak {run.peak_mb:.0f} MB"


# --- attaching --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def case_database(demo_template: Path) -> tuple[Path, str]:
    """The demo database (its copy per test) and one of its cases."""
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services.case_list import list_cases

    engine = create_database_engine(sqlite_url(demo_template))
    case_id = str(list_cases(engine)[0].case_id)
    engine.dispose()
    return demo_template, case_id


@pytest.fixture
def case(case_database: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    template, case_id = case_database
    target = tmp_path / "db.sqlite3"
    shutil.copy(template, target)
    return target, case_id


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_photo_is_refused_before_it_is_stored_or_decoded(
    photos: dict[str, Path], case: tuple[Path, str], name: str
) -> None:
    database, case_id = case
    before = fingerprint(database)
    run = measured(ATTACH, str(database), case_id, str(photos[name]))
    record("photo: attach", name, photos[name], DECLARES[name], run)
    assert_refused(run, REFUSALS[name])
    assert fingerprint(database) == before  # no blob, no photo, no audit entry


def test_the_41_mb_file_is_refused_unread(photos: dict[str, Path], case: tuple[Path, str]) -> None:
    database, case_id = case
    run = measured(ATTACH, str(database), case_id, str(photos["41 MB file"]))
    assert_refused(run, REFUSALS["41 MB file"])
    good = measured(ATTACH, str(database), case_id, str(photos["good"]))
    assert good.code == 0, good.err
    # The refused file was never read: its run peaked below the one that read a 12 MP photo (36 KB on disk)
    # plus the 41 MB it would have taken.
    assert run.peak_mb < good.peak_mb + 20, (run.peak_mb, good.peak_mb)


def test_a_photo_within_the_limits_is_attached(
    photos: dict[str, Path], case: tuple[Path, str]
) -> None:
    database, case_id = case
    before = fingerprint(database)
    run = measured(ATTACH, str(database), case_id, str(photos["good"]))
    assert run.code == 0 and "Traceback" not in run.err, run.err
    after = fingerprint(database)
    assert after["photo_blobs"] == before["photo_blobs"] + 1  # type: ignore[operator]
    assert after["photos"] == before["photos"] + 1  # type: ignore[operator]


def test_the_limit_can_be_raised(photos: dict[str, Path], case: tuple[Path, str]) -> None:
    database, case_id = case
    run = measured(ATTACH, str(database), case_id, str(photos["56 MP PNG"]), env={PIXELS_ENV: "60"})
    assert run.code == 0, run.err


# --- the thumbnail ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["PNG bomb", "JPEG bomb", "56 MP PNG"])
def test_the_thumbnail_refuses_a_photo_over_the_limit_without_decoding_it(
    photos: dict[str, Path], name: str
) -> None:
    run = measured(THUMBNAIL, str(photos[name]))
    record("photo: thumbnail", name, photos[name], DECLARES[name], run)
    assert_refused(run, REFUSALS[name][:1], peak_mb=160)


def test_the_thumbnail_run_sees_a_decode(photos: dict[str, Path]) -> None:
    # The control: with the limit raised, the 56 MP photo is decoded (225 MB of pixels) and
    # the same measurement shows it; so the refusals' low peaks mean nothing was decoded.
    run = measured(THUMBNAIL, str(photos["56 MP PNG"]), env={PIXELS_ENV: "60"})
    assert run.code == 0 and run.out.split() == ["128", "128"], run.err
    assert run.peak_mb > 225, f"peak {run.peak_mb:.0f} MB"


def test_a_photo_within_the_limits_gets_its_thumbnail(photos: dict[str, Path]) -> None:
    run = measured(THUMBNAIL, str(photos["good"]))
    assert run.code == 0 and run.out.split() == ["128", "96"], run.err


AT_THE_LIMIT = ["50 MP PNG", "50 MP JPEG"]


@pytest.mark.parametrize("name", AT_THE_LIMIT)
def test_a_photo_at_the_pixel_limit_gets_its_thumbnail_within_the_bound(
    photos: dict[str, Path], name: str
) -> None:
    # Decoded once, scaled without a second full-size copy (Qt's smooth scaling of the PNG
    # with transparency made one: 533 MB for 56 MP).
    run = measured(THUMBNAIL, str(photos[name]))
    record("photo at the limit: thumbnail", name, photos[name], DECLARES[name], run)
    assert run.code == 0 and run.out.split() == ["128", "100"], run.err
    assert run.peak_mb < DEFAULT_MEMORY_MB, f"peak {run.peak_mb:.0f} MB"


# --- the flood report's photos -----------------------------------------------------------------


@pytest.fixture(scope="session")
def flood_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from estimator.documents.flood_sample import write_inventory_workbook, write_rules_workbook
    from tests.estimator.domain.test_flood import RULES, site

    folder = tmp_path_factory.mktemp("flood_site")
    inventory, rules = folder / "inventory.xlsx", folder / "rules.xlsx"
    write_inventory_workbook(inventory, site(), {"A": Decimal(70), "B": Decimal(30)})
    write_rules_workbook(rules, RULES)
    return inventory, rules


def flood_assess(site: tuple[Path, Path], photo: Path, report: Path) -> Run:
    """``estimator flood assess`` of the hand-worked site with one photo, the PDF to ``report``."""
    inventory, rules = site
    return run_measured(
        report.parent / "unused.sqlite3",
        "flood",
        "assess",
        str(inventory),
        "--rules",
        str(rules),
        "--depth",
        "50",
        "--photo",
        str(photo),
        "-o",
        str(report),
    )


@pytest.mark.parametrize("name", AT_THE_LIMIT)
def test_flood_assess_prints_a_photo_at_the_pixel_limit_within_the_bound(
    photos: dict[str, Path], flood_site: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    # Reduced to its print size (1,000 pixels) before reportlab sees it: the PNG peaked at
    # 856 MB, the JPEG at 613 MB when reportlab decoded and kept them whole.
    report = tmp_path / "report.pdf"
    run = flood_assess(flood_site, photos[name], report)
    record("photo at the limit: flood assess", name, photos[name], DECLARES[name], run)
    assert run.code == 0 and "Traceback" not in run.err, run.err
    assert report.stat().st_size < 500_000 and b"/Subtype /Image" in report.read_bytes()
    assert run.peak_mb < DEFAULT_MEMORY_MB, f"peak {run.peak_mb:.0f} MB"


@pytest.mark.parametrize("name", HOSTILE)
def test_flood_assess_refuses_a_hostile_photo_before_decoding_it(
    photos: dict[str, Path], flood_site: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    # Before: the 56 MP photo peaked at 948 MB (reportlab and PIL decoding it for the PDF),
    # the PNG bomb was PIL's DecompressionBombError as a traceback.
    report = tmp_path / "report.pdf"
    run = flood_assess(flood_site, photos[name], report)
    record("photo: flood assess", name, photos[name], DECLARES[name], run)
    assert_refused(run, REFUSALS[name], peak_mb=200)
    assert not report.exists()


def test_the_flood_report_says_a_stored_photo_over_the_limit_instead_of_decoding_it(
    photos: dict[str, Path],
) -> None:
    # Photos of a flood case come from the database: one stored under a higher limit is named
    # in the report with why it is not shown (reportlab's PIL would raise on the bomb).
    from estimator.documents.flood_report import ReportHeader, render_report
    from estimator.domain.flood import WaterDepth, assess
    from tests.estimator.domain.test_flood import RULES, site

    header = ReportHeader(
        photos=(
            (photos["PNG bomb"].read_bytes(), "bomb.png"),
            (png(40, 30, color=2), "A区 水位线"),
        )
    )
    pdf, _ = render_report(assess(site(), RULES, WaterDepth(Decimal("70"))), header)
    assert pdf.count(b"/Subtype /Image") == 1  # the good photo only
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "bomb.png 声明 50000 × 50000 像素" in text.replace("\n", "")
