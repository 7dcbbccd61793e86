#!/usr/bin/env python3
"""Time `python build.py import wordpress` on a large export, as a user runs it.

  python bench/import_bench.py --work /tmp/import-bench               # 5,000 posts, each with a picture
  python bench/import_bench.py --work /tmp/import-bench --posts 20000 --runs 1

It writes a WordPress export (WXR 1.2) of N posts in Vietnamese, each with a
featured picture and one more picture and a PDF in its body, and the
wp-content/uploads folder they come from (small real JPEGs and PDFs), once
per size. Then, each run into a fresh copy of the sample commune:

  first import     the command with its defaults (--uploads given), nothing there yet
  again            the same export again (adds and changes nothing)

and prints the medians and min–max of the wall time, the per-post time, and
the peak memory (VmHWM) of the command. Results go to WORK/import.json.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def make_export(work: Path, posts: int) -> tuple[Path, Path]:
    from PIL import Image

    export, uploads = work / f"wp-{posts}.xml", work / f"uploads-{posts}"
    if export.is_file() and uploads.is_dir():
        return export, uploads
    base = "https://xaanlac.example.gov.vn/"
    items = []
    for n in range(1, posts + 1):
        month = f"{2015 + n % 10}/{1 + n % 12:02d}"
        folder = uploads / month
        folder.mkdir(parents=True, exist_ok=True)
        for name, colour in ((f"anh-{n}.jpg", (n % 255, 80, 120)), (f"anh-{n}-2.jpg", (30, n % 255, 60))):
            data = io.BytesIO()
            Image.new("RGB", (64, 48), colour).save(data, "JPEG")
            (folder / name).write_bytes(data.getvalue())
        (folder / f"van-ban-{n}.pdf").write_bytes(b"%PDF-1.4\n% bench\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        body = (f"Ngày {1 + n % 28}/{1 + n % 12}, UBND xã An Lạc tổ chức hội nghị số {n}.\n\n"
                f'<img src="{base}wp-content/uploads/{month}/anh-{n}-2.jpg" alt="Ảnh hội nghị {n}" />\n\n'
                f'Toàn văn: <a href="{base}wp-content/uploads/{month}/van-ban-{n}.pdf">văn bản</a>.\n\n'
                + "Nội dung bài viết dài để giống một tin thật của xã. " * 20)
        items.append(f"""<item><title>Hội nghị số {n} của xã An Lạc</title><link>{base}{month}/hoi-nghi-{n}/</link>
<dc:creator>bientap</dc:creator><content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date>{2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d} 08:00:00</wp:post_date>
<wp:post_name>hoi-nghi-{n}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="tin-tuc"><![CDATA[Tin tức]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{posts + n}</wp:meta_value></wp:postmeta></item>
<item><title>anh-{n}</title><wp:post_id>{posts + n}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>{base}wp-content/uploads/{month}/anh-{n}.jpg</wp:attachment_url></item>""")
    export.write_text(f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Xã An Lạc</title><link>{base}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{base}</wp:base_site_url><wp:base_blog_url>{base}</wp:base_blog_url>
<wp:author><wp:author_login>bientap</wp:author_login><wp:author_display_name><![CDATA[Ban biên tập]]></wp:author_display_name></wp:author>
{''.join(items)}
</channel></rss>
""", encoding="utf-8")
    return export, uploads


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB, VmHWM) of one run of the command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak = max(peak, int(status.split("VmHWM:")[1].split()[0]))
        except (OSError, IndexError, ValueError):
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    export, uploads = make_export(args.work, args.posts)
    rows: dict[str, list[tuple[float, int]]] = {"first import": [], "again": []}
    for _run in range(args.runs):
        sites = args.work / "sites"
        shutil.rmtree(sites, ignore_errors=True)
        shutil.copytree(REPO / "sites", sites)
        command = [sys.executable, str(REPO / "build.py"), "import", "wordpress", str(export), "--site", "an-binh",
                   "--sites", str(sites), "--uploads", str(uploads)]
        rows["first import"].append(timed(command))
        rows["again"].append(timed(command))
    results = {}
    print(f"import of {args.posts} WordPress posts with pictures ({args.runs} runs)")
    for name, found in rows.items():
        times = [t for t, _m in found]
        median = statistics.median(times)
        results[name] = {"median_s": median, "min_s": min(times), "max_s": max(times),
                         "per_post_ms": 1000 * median / args.posts, "peak_mib": max(m for _t, m in found) / 1024}
        print(f"  {name:13} median {median:7.2f} s  (min {min(times):.2f}, max {max(times):.2f})  "
              f"{results[name]['per_post_ms']:.2f} ms/post  peak {results[name]['peak_mib']:.0f} MiB")
    (args.work / "import.json").write_text(json.dumps({"posts": args.posts, **results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
