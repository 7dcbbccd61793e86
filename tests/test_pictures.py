"""Pictures for cheap phones: smaller copies with srcset, WebP with a
fallback, sizes set, upright, no metadata, originals untouched, and encoded
once however many builds follow."""

from __future__ import annotations

import io
import re

from PIL import Image

from conftest import ROOT_SITE, news


def _photo(width: int, height: int, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh bí mật"  # Make: metadata that must not be published
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_pictures_are_published_in_several_sizes(build_portal):
    original = _photo(1200, 800)
    rotated = _photo(1000, 600, orientation=6)  # stored on its side, as phones do
    built = build_portal({
        "h/site.yaml": ROOT_SITE,
        "h/images/anh.jpg": original,
        "h/images/xoay.jpg": rotated,
        "h/news/a.md": news("Tin có ảnh", image="images/anh.jpg", image_caption="Quang cảnh",
                            body="Đoạn đầu.\n\n![Ảnh xoay](images/xoay.jpg)\n\nĐoạn cuối."),
    })
    assert built.code == 0, built.stderr
    page = built.page("tin-tuc/tin-co-anh/")
    lead = re.search(r"<picture>.*?anh\.jpg.*?</picture>", page).group(0)
    assert 'type="image/webp"' in lead and "anh-480.webp 480w" in lead and "anh-960.jpg 960w" in lead
    assert 'width="1200" height="800"' in lead and 'alt="Quang cảnh"' in lead
    assert 'loading="lazy"' not in lead, "the lead picture is above the fold"
    body = re.search(r"<picture>.*?xoay\.jpg.*?</picture>", page).group(0)
    assert 'width="600" height="1000"' in body, "sizes are given upright"
    assert 'loading="lazy"' in body and 'alt="Ảnh xoay"' in body
    published = Image.open(built.out / "images" / "xoay.jpg")
    assert published.size == (600, 1000)
    assert not dict(published.getexif()), "metadata is removed"
    for name in ("anh-480.webp", "anh-960.webp", "anh-480.jpg", "anh-960.jpg", "anh-1200.webp"):
        assert (built.out / "images" / name).is_file(), name
    assert Image.open(built.out / "images" / "anh-480.webp").size == (480, 320)
    assert (built.out.parent / "sites" / "h" / "images" / "anh.jpg").read_bytes() == original


def test_pictures_are_encoded_once(tmp_path):
    from conftest import write_tree
    from sitegen.content.dates import build_time
    from sitegen.commands.build import BuildSettings, build

    sites = write_tree(tmp_path / "sites", {"h/site.yaml": ROOT_SITE, "h/images/anh.jpg": _photo(1600, 900),
                                            "h/news/a.md": news("Tin", image="images/anh.jpg")})
    settings = BuildSettings(sites, tmp_path / "out", build_time("22/11/2026 10:00"))
    first = build(settings)
    before = (tmp_path / "out" / "images" / "anh-960.webp").stat()
    (sites / "h" / "news" / "a.md").write_text(news("Tin đã sửa", image="images/anh.jpg"), encoding="utf-8")
    second = build(settings)
    after = (tmp_path / "out" / "images" / "anh-960.webp").stat()
    assert second.rendered < first.rendered - 5, "the picture's copies were linked, not encoded again"
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), \
        "the new tree holds the very file the first build encoded"
