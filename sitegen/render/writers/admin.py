"""The admin page's CMS configuration, written as the YAML Decap CMS reads."""

from __future__ import annotations

import yaml

HEADER = ("# Cấu hình trang quản trị nội dung (Decap CMS), do sitegen viết từ khai báo các loại nội dung.\n"
          "# Đừng sửa tay: lần dựng sau sẽ viết lại. / Written by sitegen from the kinds; do not edit.\n")


def render_cms_config(config: dict) -> bytes:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return (HEADER + text).encode("utf-8")
