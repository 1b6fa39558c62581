"""A photo reduced to what its print shows, before reportlab sees it: reportlab decodes an
image whole and keeps it, so a 50-megapixel photo (within the limit) peaked at 856 MB, over
the memory bound (reliability.md, promise 16)."""

from __future__ import annotations

from io import BytesIO

#: Pixels of a photo's longer side in the report: 85 mm at 300 dpi.
PRINT_PIXELS = 1000


def print_size(data: bytes) -> bytes:
    """The photo reduced to what its 85 x 60 mm print shows: reportlab would decode it whole
    and keep it (a 50-megapixel photo, within the limit, peaked at 856 MB, over the bound)."""
    from PIL import Image  # Pillow (reportlab's own dependency) loads with the first photo

    try:
        with Image.open(BytesIO(data)) as image:
            if max(image.size) <= PRINT_PIXELS:
                return data
            image.draft("RGB", (PRINT_PIXELS, PRINT_PIXELS))  # a JPEG decodes at 1/2 to 1/8
            # Nearest-neighbour first: smooth resampling of a picture with transparency
            # makes a premultiplied full-size copy (twice the memory); then smoothly.
            scale = 2 * PRINT_PIXELS / max(image.size)
            small = image.resize(
                (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                Image.Resampling.NEAREST,
            )
        small.thumbnail((PRINT_PIXELS, PRINT_PIXELS))
        reduced = BytesIO()
        if small.mode in ("RGB", "L", "CMYK"):
            small.save(reduced, "JPEG", quality=90)
        else:
            small.save(reduced, "PNG")
        return reduced.getvalue()
    except (OSError, ValueError):  # not readable as an image: reportlab says so as before
        return data
