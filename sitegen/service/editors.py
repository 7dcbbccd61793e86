"""Who may do what: the editors file, the webmaster's, kept outside the content repository.

    users:
      bien-tap-anlac: {sites: [an-lac], role: editor}     # writes, sends for review
      duyet-anlac:    {sites: [an-lac], role: approver}   # also publishes, unpublishes, undoes
      bbt-tinh:       {sites: ["*"], role: approver, name: Ban biên tập tỉnh, email: bbt@tinh.gov.vn}

The user name is the one nginx authenticated (its password file's, or the
single sign-on's). The file is read again when it changes, so a new editor
needs no restart; a file that no longer reads keeps the last good one in force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..messages.console import Said

ROLES = ("editor", "approver")
USER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
ALL_SITES = "*"


class EditorsError(Said):
    """The editors file cannot be used: its path and line, and why."""


@dataclass(frozen=True)
class User:
    name: str
    sites: tuple[str, ...]
    role: str
    full_name: str = ""
    email: str = ""

    def of(self, site: str) -> bool:
        return ALL_SITES in self.sites or site in self.sites

    @property
    def approver(self) -> bool:
        return self.role == "approver"


class Editors:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._stamp: tuple | None = None
        self._users: dict[str, User] = {}
        self.reload()

    def reload(self) -> None:
        """Read the file if it changed; raises EditorsError (and keeps the last good users)."""
        stat = self.path.stat() if self.path.exists() else None
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino) if stat else None
        if stamp == self._stamp and self._stamp is not None:
            return
        self._users = read_editors(self.path)
        self._stamp = stamp

    def user(self, name: str) -> User | None:
        try:
            self.reload()
        except EditorsError:
            pass  # the last good file stays in force; the service's log says why
        return self._users.get(name)

    def __len__(self) -> int:
        return len(self._users)


def read_editors(path: Path) -> dict[str, User]:
    try:
        text = Path(path).read_text(encoding="utf-8")
        tree = yaml.compose(text)
    except OSError as error:
        raise EditorsError("editors-unreadable", path=path, reason=error.strerror or error)
    except UnicodeDecodeError:
        raise EditorsError("editors-not-utf8", path=path)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise EditorsError("editors-not-yaml", path=path, line=mark.line + 1 if mark else 1)
    users = _mapping_value(tree, "users") if isinstance(tree, yaml.MappingNode) else None
    if not isinstance(users, yaml.MappingNode):
        raise EditorsError("editors-no-users", path=path, line=tree.start_mark.line + 1 if tree else 1)
    found = {}
    for key, value in users.value:
        user = _user(path, key, value)
        if user.name in found:
            raise EditorsError("editors-twice", path=path, line=key.start_mark.line + 1, user=user.name)
        found[user.name] = user
    return found


def _mapping_value(node: yaml.MappingNode, name: str):
    return next((value for key, value in node.value if getattr(key, "value", None) == name), None)


def _user(path: Path, key, node) -> User:
    line = key.start_mark.line + 1
    name = str(key.value)
    if not USER_NAME.fullmatch(name):
        raise EditorsError("editors-bad-name", path=path, line=line, user=name)
    if not isinstance(node, yaml.MappingNode):
        raise EditorsError("editors-bad-user", path=path, line=line, user=name)
    values = yaml.safe_load(yaml.serialize(node)) or {}
    sites, role = values.get("sites"), values.get("role")
    if isinstance(sites, str):
        sites = [sites]
    if not isinstance(sites, list) or not sites or not all(isinstance(s, str) and s for s in sites):
        raise EditorsError("editors-bad-sites", path=path, line=line, user=name)
    if role not in ROLES:
        raise EditorsError("editors-bad-role", path=path, line=line, user=name, role=role,
                           roles=" | ".join(ROLES))
    return User(name, tuple(sites), role, str(values.get("name") or ""), str(values.get("email") or ""))
