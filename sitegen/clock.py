"""The portal's time zone and the build's 'now'."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # UTC+7, no daylight saving


def build_time(text: str | None = None) -> datetime:
    """The build's 'now': given, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    if text:
        from .content.dates import parse_when

        return parse_when(text).moment
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(LOCAL_TZ)
    return datetime.now(LOCAL_TZ).replace(microsecond=0)
