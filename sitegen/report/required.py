"""What the report requires of each site: items, thresholds and score weights.

The defaults ship as required.yaml beside this module. A webmaster's own file
(--required FILE) needs only what it changes: its `items` list, when given,
replaces the default list; its `thresholds` and `score.penalties` keys
replace the default values one by one. A mistake in the file is refused with
a RequiredError naming the key, in Vietnamese and English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..content.kinds.site import SITE
from ..content.vocabulary import SITE_KINDS as KIND_WORDS, TOPICS
from ..vietnamese import fold
from .codes import report_codes, required_checks
from .errors import RequiredError

DEFAULT_FILE = Path(__file__).resolve().parent / "required.yaml"

SITE_KINDS = KIND_WORDS.keys  # province district commune ward special-zone town
_KIND_WORDS = {fold(spelling): word.key for word in KIND_WORDS for spelling in (word.key, *word.aliases)}
_WEEKDAYS = {
    "thu hai": 0, "thu 2": 0, "monday": 0, "thu ba": 1, "thu 3": 1, "tuesday": 1,
    "thu tu": 2, "thu 4": 2, "wednesday": 2, "thu nam": 3, "thu 5": 3, "thursday": 3,
    "thu sau": 4, "thu 6": 4, "friday": 4, "thu bay": 5, "thu 7": 5, "saturday": 5,
    "chu nhat": 6, "cn": 6, "sunday": 6,
}


@dataclass(frozen=True)
class RequiredItem:
    id: str
    label: str
    label_en: str
    check: str  # a kind's required check (kind.required_checks) or 'site-yaml'
    kinds: frozenset[str]
    topic: str | None = None  # check 'page': the page topic (default: the id)
    keys: tuple[str, ...] = ()  # check 'site-yaml': the site.yaml keys

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class Weight:
    each: float
    max: float | None = None  # None: counted once (or once per missing item)

    def penalty(self, count: int) -> float:
        if count <= 0:
            return 0.0
        if self.max is None:
            return self.each * count
        return min(self.each * count, self.max)


@dataclass(frozen=True)
class Required:
    items: tuple[RequiredItem, ...]
    stale_news_days: int
    image_max_kb: int
    next_week_schedule_from: int | None  # weekday, Monday 0; None: never
    empty_max: int
    penalties: dict[str, Weight] = field(hash=False, compare=False)
    source: str = ""
    budget_disclosure_days: int = 15  # a quarter's budget is published within this many days of its end
    consultation_result_days: int = 30  # a closed draft's summary of comments is due this many days after

    def item(self, item_id: str) -> RequiredItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def for_kind(self, kind: str) -> tuple[RequiredItem, ...]:
        return tuple(i for i in self.items if i.applies_to(kind))

    @property
    def image_max_bytes(self) -> int:
        return self.image_max_kb * 1024


def load_required(path: Path | None = None, kinds: Registry = DEFAULT) -> Required:
    """The defaults, with a webmaster's file (if given) laid over them; kinds
    tell which checks an item may name and which codes cost points."""
    defaults = _read(DEFAULT_FILE)
    if path is None:
        return _build(defaults, str(DEFAULT_FILE), kinds)
    own = _read(Path(path))
    _only_keys(own, ("thresholds", "score", "items"), str(path), "")
    merged: dict[str, Any] = {
        "thresholds": {**defaults["thresholds"], **_mapping(own, "thresholds", str(path))},
        "score": dict(defaults["score"]),
        "items": own["items"] if "items" in own else defaults["items"],
    }
    own_score = _mapping(own, "score", str(path))
    _only_keys(own_score, ("empty_max", "penalties"), str(path), "score.")
    if "empty_max" in own_score:
        merged["score"]["empty_max"] = own_score["empty_max"]
    merged["score"]["penalties"] = {**defaults["score"]["penalties"],
                                    **_mapping(own_score, "penalties", str(path), "score.")}
    return _build(merged, str(path), kinds)


def _read(path: Path) -> dict[str, Any]:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise RequiredError(source, "required-unreadable", reason=error.strerror) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        code = "required-yaml-at" if mark else "required-yaml"
        raise RequiredError(source, code, line=mark.line + 1 if mark else 0) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RequiredError(source, "required-shape")
    return data


def _mapping(data: dict, key: str, source: str, prefix: str = "") -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise RequiredError(source, "required-mapping", key=f"{prefix}{key}")
    return value


def _only_keys(data: dict, allowed: tuple[str, ...], source: str, prefix: str) -> None:
    for key in data:
        if key not in allowed:
            raise RequiredError(source, "required-unknown-key", key=f"{prefix}{key}", keys=", ".join(allowed))


def penalty_keys(kinds: Registry) -> tuple[str, ...]:
    """The weights a file may set: every code that costs points, and warnings."""
    keys = []
    for code in report_codes(kinds):
        if code.code != "empty":  # an empty site's score has its own ceiling (empty_max)
            keys.append(code.code)
        if code.code == "content-error":
            keys.append("content-warning")
    return tuple(keys)


def _build(data: dict[str, Any], source: str, kinds: Registry) -> Required:
    thresholds = _mapping(data, "thresholds", source)
    _only_keys(thresholds, ("stale_news_days", "image_max_kb", "next_week_schedule_from",
                            "budget_disclosure_days", "consultation_result_days"), source, "thresholds.")
    score = _mapping(data, "score", source)
    penalties = _mapping(score, "penalties", source, "score.")
    keys = penalty_keys(kinds)
    _only_keys(penalties, keys, source, "score.penalties.")
    items_data = data.get("items") or []
    if not isinstance(items_data, list):
        raise RequiredError(source, "required-not-list")
    checks = required_checks(kinds)
    items = tuple(_item(entry, source, index, checks) for index, entry in enumerate(items_data, 1))
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise RequiredError(source, "required-twice", id=item.id)
        seen.add(item.id)
    return Required(
        items=items,
        stale_news_days=_number(thresholds.get("stale_news_days", 30), "thresholds.stale_news_days",
                                source, integer=True),
        image_max_kb=_number(thresholds.get("image_max_kb", 300), "thresholds.image_max_kb", source,
                             integer=True),
        next_week_schedule_from=_weekday(thresholds.get("next_week_schedule_from"), source),
        budget_disclosure_days=_number(thresholds.get("budget_disclosure_days", 15),
                                       "thresholds.budget_disclosure_days", source, integer=True),
        consultation_result_days=_number(thresholds.get("consultation_result_days", 30),
                                         "thresholds.consultation_result_days", source, integer=True),
        empty_max=_number(score.get("empty_max", 5), "score.empty_max", source, integer=True),
        penalties={key: _weight(penalties.get(key, 0), key, source) for key in keys},
        source=source,
    )


def _item(entry: Any, source: str, index: int, checks: tuple[str, ...]) -> RequiredItem:
    if not isinstance(entry, dict) or not entry.get("id"):
        raise RequiredError(source, "required-no-id", index=index)
    item_id = str(entry["id"]).strip()
    where = f"items › {item_id}"
    _only_keys(entry, ("id", "label", "label_en", "check", "kinds", "topic", "keys"), source,
               f"{where} › ")
    check = str(entry.get("check") or "page").strip()
    if check not in checks:
        raise RequiredError(source, "required-bad-check", where=where, check=check, checks=" | ".join(checks))
    topic = None
    keys: tuple[str, ...] = ()
    if check == "page":
        topic = str(entry.get("topic") or item_id).strip()
        if topic not in TOPICS.keys:
            raise RequiredError(source, "required-bad-topic", where=where, topic=topic,
                                topics=", ".join(TOPICS.keys))
    if check == "site-yaml":
        listed = entry.get("keys") or []
        keys = tuple(str(k).strip() for k in (listed if isinstance(listed, list) else [listed]))
        known = SITE.names
        wrong = [k for k in keys if k not in known]
        if not keys or wrong:
            raise RequiredError(source, "required-bad-keys", where=where)
    listed_kinds = entry.get("kinds")
    if listed_kinds in (None, "", []):
        chosen = frozenset(SITE_KINDS)
    else:
        words = listed_kinds if isinstance(listed_kinds, list) else str(listed_kinds).split(",")
        chosen_list = []
        for word in words:
            kind = _KIND_WORDS.get(fold(str(word)))
            if kind is None:
                raise RequiredError(source, "required-bad-kind", where=where, kind=word,
                                    kinds=", ".join(SITE_KINDS))
            chosen_list.append(kind)
        chosen = frozenset(chosen_list)
    label = str(entry.get("label") or item_id).strip()
    return RequiredItem(item_id, label, str(entry.get("label_en") or label).strip(), check, chosen,
                        topic, keys)


def _number(value: Any, key: str, source: str, integer: bool = False) -> Any:
    try:
        number = int(value) if integer else float(value)
    except (TypeError, ValueError):
        number = -1
    if isinstance(value, bool) or number < 0:
        raise RequiredError(source, "required-number", key=key, value=value)
    return number


def _weight(value: Any, key: str, source: str) -> Weight:
    where = f"score.penalties.{key}"
    if isinstance(value, dict):
        _only_keys(value, ("each", "max"), source, where + ".")
        each = _number(value.get("each", 0), where + ".each", source)
        top = value.get("max")
        return Weight(each, None if top is None else _number(top, where + ".max", source))
    return Weight(_number(value, where, source))


def _weekday(value: Any, source: str) -> int | None:
    if value is None or value is False:
        return None
    found = _WEEKDAYS.get(fold(str(value)))
    if found is None:
        raise RequiredError(source, "required-weekday", value=value)
    return found
