"""The copies of a picture a site publishes (sizes and formats), as plain data;
render/writers/pictures.py encodes them."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.pictures import Picture


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
