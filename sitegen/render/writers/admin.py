"""The admin page's CMS configuration, written as the YAML Decap CMS reads."""

from __future__ import annotations

import yaml

HEADER = ("# Cấu hình trang quản trị nội dung (Decap CMS), do sitegen viết từ khai báo các loại nội dung.\n"
          "# Đừng sửa tay: lần dựng sau sẽ viết lại. / Written by sitegen from the kinds; do not edit.\n")


def render_cms_config(config: dict) -> bytes:
    # libyaml's dumper writes the same text five times faster: it counts on a province of 130 sites
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return (HEADER + text).encode("utf-8")
