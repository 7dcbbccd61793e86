"""A fingerprint of everything an output is made from.

Two outputs with the same fingerprint render to the same bytes: it covers
the output's kind, the template (with the templates it uses and the wording),
the output's path and every value of its context, walked field by field.
Records met in many contexts (an article on its page, in lists and feeds)
are digested once per build.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime
from enum import Enum

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..outputs.plan import Output

_PRIMITIVES = (str, int, float, bool, type(None))
_KEPT = "_sitegen_fingerprint"  # where a record keeps its own digest


class Fingerprinter:
    def __init__(self, templates: dict[str, str], version: str):
        """templates: fingerprint of each template with what it includes; version:
        the program's version (its code, libraries and kinds), which every output depends on."""
        self.templates = templates
        self.version = version
        self._memo: dict[int, tuple[object, bytes]] = {}

    def output(self, output: Output) -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{self.version}\0{output.kind.value}\0{output.path}\0".encode())
        if output.template:
            digest.update(self.templates[output.template].encode())
        digest.update(self._value(output.data))
        for key in sorted(output.context):
            digest.update(key.encode() + b"=")
            digest.update(self._value(output.context[key]))
        return digest.hexdigest()

    def value(self, value: object) -> bytes:
        """The digest of any value an output's context may hold."""
        return self._value(value)

    def _value(self, value: object) -> bytes:
        kind = type(value)
        if kind is str:
            return b"s" + str(len(value)).encode() + b":" + value.encode("utf-8", "surrogatepass")
        if kind is bytes:
            return b"b" + str(len(value)).encode() + b":" + value
        if kind in _PRIMITIVES:
            return f"{kind.__name__}:{value!r};".encode()
        if kind in (datetime, date):
            return f"{kind.__name__}:{value.isoformat()};".encode()
        if kind in (tuple, list):
            return b"(" + b"".join(self._value(item) for item in value) + b")"
        if kind is dict:
            return b"{" + b"".join(self._value(k) + self._value(v) for k, v in sorted(value.items())) + b"}"
        if isinstance(value, Enum):
            return f"{kind.__name__}.{value.name};".encode()
        if dataclasses.is_dataclass(value):
            return self._record(value)
        raise TypeError(f"cannot fingerprint a {kind.__name__}")

    def _record(self, value: object) -> bytes:
        """A dataclass, digested once however many pages show it.

        Records are frozen, so the digest is kept on the record itself and
        travels with it through the cache: a site's articles, read back
        from its snapshot, are not walked again.
        """
        known = getattr(value, "__dict__", {}).get(_KEPT)
        if known is not None:
            return known
        memo = self._memo.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        digest = hashlib.blake2b(type(value).__name__.encode(), digest_size=20)
        for item in dataclasses.fields(value):
            digest.update(item.name.encode() + b"=")
            digest.update(self._value(getattr(value, item.name)))
        result = b"#" + digest.digest()
        if hasattr(value, "__dict__"):
            object.__setattr__(value, _KEPT, result)
        else:
            self._memo[id(value)] = (value, result)  # keeps value alive so its id stays its own
        return result
