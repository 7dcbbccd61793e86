"""Encoding pictures for cheap phones: a few widths, a modern format, no metadata.

Every JPEG, PNG or WebP an editor puts in images/ is published as:
  images/x.jpg            the picture upright (EXIF orientation applied), its
                          metadata (camera, GPS) removed, at most MAX_WIDTH wide
  images/x-480.webp, -960 … and images/x-480.jpg …  smaller copies for srcset
The editor's file in the sources is never touched. Which variants a picture
has is planned in outputs/pictures.py; each is an output of its own, so an
unchanged picture is linked from the last build, not encoded again.
"""

from __future__ import annotations

import io
from pathlib import Path

from ...outputs.pictures import Variant

QUALITY = {"jpeg": 80, "webp": 72, "png": None}


class PictureError(Exception):
    """A picture that cannot be decoded (half uploaded, not really a picture)."""

    def __init__(self, problem):
        super().__init__(problem.code)
        self.problem = problem


class Encoder:
    """Encodes variants; keeps the last picture decoded, since a picture's
    variants come one after another."""

    def __init__(self) -> None:
        self._source: tuple | None = None
        self._image = None

    def encode(self, folder: Path, variant: Variant) -> bytes:
        """The variant's bytes: upright, resized, without metadata."""
        from PIL import Image

        try:
            image = self._upright(folder / variant.source)
        except (OSError, ValueError, Image.DecompressionBombError, SyntaxError) as error:
            from ...problems import Severity, problem

            raise PictureError(problem(f"{folder}/{variant.source}", None, "bad-picture", Severity.ERROR,
                                       detail=str(error)[:200])) from None
        if image.width != variant.width:
            height = max(1, round(image.height * variant.width / image.width))
            image = image.resize((variant.width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        if variant.kind == "jpeg" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        elif variant.kind == "webp" and image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
        buffer = io.BytesIO()
        options: dict = {"method": 2} if variant.kind == "webp" else {}
        if QUALITY[variant.kind]:
            options["quality"] = QUALITY[variant.kind]
        if variant.kind == "jpeg":
            options["progressive"] = True
        image.save(buffer, format=variant.kind.upper(), **options)  # no exif=, no icc: metadata dropped
        return buffer.getvalue()

    def _upright(self, path: Path):
        from PIL import Image, ImageOps

        info = path.stat()
        key = (str(path), info.st_size, info.st_mtime_ns)
        if self._source != key:
            with Image.open(path) as original:
                self._image = ImageOps.exif_transpose(original)
                self._image.load()
            self._source = key
        return self._image
