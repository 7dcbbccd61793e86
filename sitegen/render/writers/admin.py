"""The admin page's CMS configuration, written as the YAML Decap CMS reads.

It is written in YAML's JSON form (JSON is YAML): the same data, still
readable, made in a fraction of a millisecond where a YAML dumper takes
several per site, which counts on a province of 130 sites.
"""

from __future__ import annotations

import json

from ...messages.console import both

HEADER = ("# Cấu hình trang quản trị nội dung (Decap CMS), do sitegen viết từ khai báo các loại nội dung.\n"
          f"# {both('admin-config-header')}\n")


def render_cms_config(config: dict) -> bytes:
    return (HEADER + json.dumps(config, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
