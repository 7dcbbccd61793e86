"""`nginx`: print the web server's configuration for the portal (sitegen.serving.nginx)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from ..portal.read import read_portal
from ..problems import Severity
from ..serving.nginx import ConfigError, Options, configuration, served_sites
from ..publish.staging import MARKER


def run(sites: Path, out: Path, listen: str, brotli: bool, now: datetime, lang: str,
        root: str | None = None) -> int:
    """Print the configuration on stdout; notes and errors on stderr. 0, 1 (no portal) or 2."""
    portal, problems = read_portal(sites, now, root=root)
    for found in problems:
        # The sites' own files say where each is served: their mistakes change the configuration.
        if found.severity == Severity.ERROR and (portal is None or Path(found.path).name == "site.yaml"):
            print(found.format(lang), file=sys.stderr)
    if portal is None:
        return 1
    served = served_sites(portal)
    folder = os.path.abspath(out)
    try:
        text = configuration(served, Options(folder, listen, brotli))
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if not served[0].host:
        print(NO_HOST[lang], file=sys.stderr)
    if not (Path(folder) / MARKER).is_file():
        print(NOT_BUILT[lang].format(out=folder), file=sys.stderr)
    sys.stdout.write(text)
    return 0


NO_HOST = {
    "vi": "Lưu ý: trang gốc chưa có base_url trong site.yaml; cấu hình trả lời mọi tên miền (server_name _).",
    "en": "Note: the root site has no base_url in its site.yaml; the configuration answers any host "
          "(server_name _).",
}
NOT_BUILT = {
    "vi": "Lưu ý: '{out}' chưa phải là thư mục đã dựng trên máy này; hãy chắc chắn máy chủ có thư mục đó "
          "(ví dụ thư mục 'current' của lệnh deploy).",
    "en": "Note: '{out}' is not a built portal on this machine; make sure the server has it (for "
          "example the 'current' link the deploy command makes).",
}
