"""How the publishing service knows a request came through the portal's nginx,
and who sent it: the one agreement between the two (serving/nginx.py writes
it, sitegen/service checks it).

nginx authenticates the editor (HTTPS and a password file, or a single
sign-on in front), then passes the request on with two headers it sets
itself, replacing any the browser sent: the user's name, and a secret key
only nginx and the service know. A request straight to the service's port,
or one that forged the user's header through nginx, has no key or a key
with another user: the service changes nothing for it.

The key file is written in nginx's own syntax, so nginx includes it as it is
and the secret is never copied into the site's configuration:
    proxy_set_header X-Sitegen-Key "3f9c...";
Whichever command needs it first (service or nginx) makes it, readable by
its owner only; nginx's master process reads it as root.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from ..outputs.cms import SERVICE_PATH  # + a site's folder name: that site's admin page's back end

__all__ = ["SERVICE_PATH", "USER_HEADER", "KEY_HEADER", "key", "read_key"]
USER_HEADER = "X-Sitegen-User"
KEY_HEADER = "X-Sitegen-Key"
_LINE = re.compile(rf'\s*proxy_set_header\s+{KEY_HEADER}\s+"([0-9a-f]{{64}})";\s*')


def read_key(path: Path) -> str | None:
    """The key in the file, or None when the file is missing or is not a key file."""
    try:
        found = _LINE.fullmatch(Path(path).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


def key(path: Path) -> str:
    """The service's key: read from the file, or made and written there first.
    Raises OSError when the file cannot be written, ValueError when it holds
    something else (it is never overwritten)."""
    path = Path(path)
    existing = read_key(path)
    if existing:
        return existing
    if path.exists():
        raise ValueError(str(path))
    made = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(descriptor, f'proxy_set_header {KEY_HEADER} "{made}";\n'.encode("ascii"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    try:
        os.link(temporary, path)  # never over a file another process made meanwhile
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    found = read_key(path)
    if found is None:
        raise ValueError(str(path))
    return found
