"""Pictures as the content stage sees them: which files are pictures, and
their size upright (EXIF orientation applied), read from the header only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RASTER = (".jpg", ".jpeg", ".png", ".webp")
WIDTHS = (480, 960, 1600)  # the smaller copies published for srcset
MAX_WIDTH = 1920  # wider pictures are published at this width
MAX_PIXELS = 40_000_000  # a phone's photo is 12-50 MP; beyond this, refuse rather than decode


@dataclass(frozen=True)
class Picture:
    """A published picture: its size upright, and its smaller copies."""

    path: str  # site-relative, as the editor wrote it: 'images/x.jpg'
    width: int
    height: int
    widths: tuple[int, ...]  # the smaller copies' widths
    fallback: str  # 'jpeg' or 'png'

    def variant(self, width: int, kind: str) -> str:
        stem, _, _suffix = self.path.rpartition(".")
        extension = {"webp": "webp", "jpeg": "jpg", "png": "png"}[kind]
        return f"{stem}-{width}.{extension}"


def is_picture(path: str) -> bool:
    return path.startswith("images/") and path.lower().endswith(RASTER)


def measure(folder: Path, path: str) -> Picture | None:
    """Read a picture's size (upright) without decoding it; None if it is not one,
    or is too large to decode safely (it is then published as it is)."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(folder / path)
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return None
            orientation = image.getexif().get(0x0112, 1)
            fallback = "png" if image.format == "PNG" else "jpeg"
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    if width > MAX_WIDTH:
        width, height = MAX_WIDTH, round(height * MAX_WIDTH / width)
    widths = tuple(w for w in WIDTHS if w < width)
    return Picture(path, width, height, widths, fallback)
