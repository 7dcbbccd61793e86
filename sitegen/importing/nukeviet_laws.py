"""A NukeViet laws module (module_file `laws`: "Văn bản", and its copies such as
"Lấy ý kiến dự thảo") as the documents register.

Its tables: `_row` (one a document), `_cat` (its type: Công văn, Quyết định
...), `_subject` (the issuing body), `_area` and `_row_area` (its fields),
`_signer` (who signed, and as what), `_set_replace` (which replaces which).

What becomes what:

* code -> number (unique in the site: a number used twice, or none, is
  written so that it is and noted); the category -> type, when it is one of
  the portal's types, else 'Khác' ('Dự thảo' for a draft), noted; title ->
  title; introtext (when it says more than the title) and bodytext -> the body;
* publtime -> issued, startvalid -> effective, exptime -> expires, addtime ->
  posted (Vietnam's dates); the subject -> issuer, the signer -> signer and
  signer_title;
* an area named like one of the register's sections ('Văn bản chỉ đạo điều
  hành', 'Văn bản pháp quy') -> section, the first other area -> field;
* the documents a row replaces (replacement, and _set_replace) get its number
  as their replaced_by;
* files (under uploads/<module>/, or addresses) -> files, unless only members
  could download them (groups_download), noted;
* a module that takes comments (its activecomm) holds drafts for comment:
  each row with a deadline (end_comm_time) -> consultation.until, one without
  is imported as a plain document, noted; a row of any module with a
  deadline is a draft for comment too;
* status 0 (suspended) -> `draft: true`, noted; a document only members could
  read (groups_view) is left out.

The old addresses: `op=detail/<alias>` (the detail function's alias) and its
rewritten forms.
"""

from __future__ import annotations

from collections import defaultdict

from ..content.kinds import DEFAULT
from ..content.vocabulary import DOCUMENT_SECTIONS, DOCUMENT_TYPES
from ..vietnamese import fold, slugify
from .fields import first_words, fit
from .model import Batch, Item, LeftOut, Upload
from .nukeviet_site import Module, Site, local_day, local_time, number, paragraphs, shown_day, text

OTHER, DRAFT = DOCUMENT_TYPES.label("khac"), DOCUMENT_TYPES.label("du-thao")  # as editors write them
LEGAL_WORDS = ("van ban phap quy", "phap quy")  # NukeViet's sample names legal documents so
OTHER_SIGNER = "khac"  # the signer NukeViet's sample lists for 'someone else' (folded)


class Laws:
    def __init__(self, site: Site, module: Module):
        self.site, self.module = site, module
        self.kind = DEFAULT.get("document")
        self.types = {row["id"]: text(row.get("title")) for row in site.rows(module, "cat")}
        self.issuers = {row["id"]: text(row.get("title")) for row in site.rows(module, "subject")}
        self.areas = {row["id"]: text(row.get("title")) for row in site.rows(module, "area")}
        self.signers = {row["id"]: row for row in site.rows(module, "signer")}
        self.row_areas: dict[int, list[int]] = defaultdict(list)
        for row in site.rows(module, "row_area", "row_id,area_id"):
            self.row_areas[number(row.get("row_id"))].append(number(row.get("area_id")))
        self.comments = str(module.config.get("activecomm") or "0") == "1"
        self.rows = site.rows(module, "row", "id")
        self.replaced_by = self._replacements(site.rows(module, "set_replace", "id", required=False))

    def _replacements(self, pairs: list[dict]) -> dict[int, int]:
        """Replaced document -> the one replacing it (a row's `replacement`; in _set_replace, oid replaces nid)."""
        found: dict[int, int] = {}
        for row in self.rows:
            for old in str(row.get("replacement") or "").split(","):
                if number(old):
                    found.setdefault(number(old), row["id"])
        for pair in pairs:
            if number(pair.get("nid")) and number(pair.get("oid")):
                found.setdefault(number(pair["nid"]), number(pair["oid"]))
        return found

    def read(self, batch: Batch) -> None:
        numbers = {row["id"]: self._number(row) for row in self.rows}
        for row in self.rows:
            self.add(row, numbers, batch)

    def _key(self, row: dict) -> str:
        return f"{self.module.data}-{row['id']}@{number(row.get('addtime'))}"

    def _number(self, row: dict) -> tuple[str, list]:
        """The row's number, unique in the site (self.site.numbers: its page's name, van-ban/<slug>/, too),
        and the notes it took."""
        wanted, notes = text(row.get("code")), []
        written = wanted or f"{self.module.data}-{row['id']}"
        if not wanted:
            notes.append(("import-nv-no-number", {"number": written}))
        written = fit(self.kind, "number", written, notes, "nv")
        other = self.site.numbers.get(slugify(written))
        if other is not None:
            repeated = f"{written} ({self.module.data}-{row['id']})"
            notes.append(("import-nv-number-repeated", {"number": written, "other": other, "written": repeated}))
            written = repeated
        self.site.numbers[slugify(written)] = f"{self.module.data}-{row['id']}"
        return written, notes

    def add(self, row: dict, numbers: dict, batch: Batch) -> None:
        key, (written, notes) = self._key(row), numbers[row["id"]]
        title = text(row.get("title"))
        private = self.site.private(row.get("groups_view"))
        if private:
            batch.left_out.append(LeftOut(key, title or written, "import-nv-private", {"groups": private}))
            return
        if not title:
            title = first_words(text(row.get("introtext")) or text(row.get("bodytext")))
            if not title:
                batch.left_out.append(LeftOut(key, written, "import-nv-no-title"))
                return
            notes.append(("import-nv-made-title", {"title": title}))
        consultation = self._consultation(row, notes)
        draft = consultation is not None or self.comments
        fields = {"number": written, "type": self._type(row, draft, notes),
                  "title": fit(self.kind, "title", title, notes, "nv")}
        fields.update(self._dates(row, consultation is not None, notes))
        fields.update(self._people(row, numbers, notes))
        if consultation:
            fields["consultation"] = consultation
        if number(row.get("status")) != 1:
            notes.append(("import-nv-suspended", {}))
        if number(row.get("status")) != 1 or (self.comments and not consultation):
            fields["draft"] = True
        uploads, elsewhere = self._files(row, notes)
        batch.items.append(Item("document", key, fields, body_html=self._body(row, title) +
                                self.site.attachments(elsewhere), name=written, old_urls=self._old_urls(row),
                                uploads=uploads, notes=notes))

    def _consultation(self, row: dict, notes: list) -> dict | None:
        """A draft for comment's deadline; None for a document that is not one (or has none: noted)."""
        until = local_time(row.get("end_comm_time"))
        if until:
            return {"until": until}
        if self.comments:
            notes.append(("import-nv-no-deadline", {}))
        return None

    def _type(self, row: dict, draft: bool, notes: list) -> str:
        named = self.types.get(row.get("cid"), "")
        for word in DOCUMENT_TYPES:
            if named and fold(named) in {fold(word.vi), *map(fold, word.aliases)}:
                return word.vi
        chosen = DRAFT if draft else OTHER
        if named and fold(named) != fold(chosen):
            notes.append(("import-nv-type", {"type": named, "chosen": chosen}))
        return chosen

    def _dates(self, row: dict, draft: bool, notes: list) -> dict:
        fields = {}
        issued = local_day(row.get("publtime"))
        if not issued and not draft:
            issued = local_day(row.get("addtime"))
            if issued:
                notes.append(("import-nv-no-issued", {"issued": shown_day(row.get("addtime"))}))
        for key, value in (("issued", issued), ("effective", local_day(row.get("startvalid"))),
                           ("expires", local_day(row.get("exptime"))), ("posted", local_time(row.get("addtime")))):
            if value:
                fields[key] = value
        return fields

    def _people(self, row: dict, numbers: dict, notes: list) -> dict:
        """Who issued and signed it, what replaced it, its section and field."""
        fields = {}
        replacing = self.replaced_by.get(row["id"])
        if replacing in numbers:
            fields["replaced_by"] = numbers[replacing][0]
        issuer = self.issuers.get(row.get("sid"), "")
        signer = self.signers.get(row.get("sgid"), {})
        name = text(signer.get("title"))
        if fold(name) == OTHER_SIGNER:
            name, signer = "", {}  # NukeViet's 'Khác' (someone else): no name to show
        for key, value in (("issuer", issuer), ("signer", name), ("signer_title", text(signer.get("positions")))):
            if value:
                fields[key] = fit(self.kind, key, value, notes, "nv")
        for area in (self.areas.get(a, "") for a in self.row_areas.get(row["id"], [])):
            section = _section(area)
            if section and "section" not in fields:
                fields["section"] = section
            elif area and not section and "field" not in fields:
                fields["field"] = fit(self.kind, "field", area, notes, "nv")
        return fields

    def _files(self, row: dict, notes: list) -> tuple[list[Upload], list[str]]:
        """The files brought into files/, and those of other sites (linked from the body)."""
        files = [self.site.upload(self.module, f) for f in str(row.get("files") or "").split(",") if f.strip()]
        hidden = self.site.private(row.get("groups_download"))
        if files and hidden:
            notes.append(("import-nv-files-private", {"groups": hidden}))
            return [], []
        return ([Upload(f, field="files") for f in files if not self.site.elsewhere(f)],
                [f for f in files if self.site.elsewhere(f)])

    def _body(self, row: dict, title: str) -> str:
        summary = text(row.get("introtext"))
        lead = paragraphs(row.get("introtext")) if summary and fold(summary) != fold(title) else ""
        return lead + str(row.get("bodytext") or "")

    def _old_urls(self, row: dict) -> tuple[str, ...]:
        alias = str(row.get("alias") or "").strip()
        return self.site.addresses(self.module, f"{self.module.func('detail')}/{alias}") if alias else ()


def _section(area: str) -> str:
    """The register's section an area's name says (its key), or ''."""
    folded = fold(area)
    if folded in LEGAL_WORDS:
        return "legal"
    for word in DOCUMENT_SECTIONS:
        if folded in {fold(word.vi), *map(fold, word.aliases)}:
            return word.key
    return ""
