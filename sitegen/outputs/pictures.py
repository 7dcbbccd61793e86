"""Pictures for cheap phones: a few widths, a modern format, no metadata.

Every JPEG, PNG or WebP an editor puts in images/ is published as:
  images/x.jpg            the picture upright (EXIF orientation applied), its
                          metadata (camera, GPS) removed, at most MAX_WIDTH wide
  images/x-480.webp, -960 … and images/x-480.jpg …  smaller copies for srcset
The editor's file in the sources is never touched. Each variant is an output
of its own, so an unchanged picture is linked from the last build, not
encoded again. Other files (GIF, SVG, PDF, …) are copied as they are.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..content.pictures import Picture

QUALITY = {"jpeg": 80, "webp": 72, "png": None}


@dataclass(frozen=True)
class Variant:
    """One file to encode: which picture, how wide, which format."""

    source: str
    width: int
    kind: str  # 'jpeg', 'png' or 'webp'


def variants(picture: Picture) -> list[tuple[str, Variant]]:
    """(output path inside the site, what to encode) for one picture."""
    result = [(picture.path, Variant(picture.path, picture.width, picture.fallback))]
    for width in picture.widths:
        result.append((picture.variant(width, "webp"), Variant(picture.path, width, "webp")))
        result.append((picture.variant(width, picture.fallback), Variant(picture.path, width, picture.fallback)))
    result.append((picture.variant(picture.width, "webp"), Variant(picture.path, picture.width, "webp")))
    return result


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
            from ..problems import Severity, problem

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
