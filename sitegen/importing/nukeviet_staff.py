"""A NukeViet organisation module (module_file `organs`: "Cơ cấu tổ chức") as staff.

Its tables: `_rows` (the units, each under its parent: the Party committee,
the People's Council, the People's Committee and their offices) and
`_person` (one a person, in a unit, ordered by weight).

What becomes what: name, position, the unit (its parents' names before its
own, 'Thành ủy - Văn phòng', so that two offices of the same name stay
apart), weight -> order, photo (under uploads/<module>/), phone (else the
mobile), email (when it is an address, else noted); the description is the
biography, after the facts NukeViet kept apart (date and place of birth,
qualifications, political theory, other positions). A chair, vice-chair or
secretary (Chủ tịch, Phó Chủ tịch, Bí thư, Phó Bí thư) of a top-level unit is
`leader: true`, noted: the rules ask a leader's biography and duties. A
person or unit that was switched off (active 0) is imported with
`draft: true`, noted.

The old addresses: `op=person/<unit alias>-<unit id>/<name alias>-<id>` and
its rewritten forms.
"""

from __future__ import annotations

import html

from ..content.kinds import DEFAULT
from ..content.types import EMAIL
from ..vietnamese import fold
from .fields import fit
from .model import Batch, Item, LeftOut, Upload
from .nukeviet_site import Module, Site, number, nukeviet_alias, shown_day, text

LEADERS = ("chu tich", "pho chu tich", "bi thu", "pho bi thu")  # positions that lead a body (folded)
FACTS = (("birthday", "import-nv-born"), ("place_birth", "import-nv-birthplace"),
         ("professional", "import-nv-professional"), ("political", "import-nv-political"),
         ("dayparty", "import-nv-party"), ("position_other", "import-nv-other-positions"))
DATES = ("birthday", "dayparty")


class Staff:
    def __init__(self, site: Site, module: Module):
        self.site, self.module = site, module
        self.kind = DEFAULT.get("staff")
        self.units = {row["organid"]: row for row in site.rows(module, "rows", "organid")}

    def read(self, batch: Batch) -> None:
        for row in self.site.rows(self.module, "person", "organid,weight,personid"):
            self.add(row, batch)

    def unit_name(self, organid: object) -> str:
        names, seen = [], set()
        unit = self.units.get(organid)
        while unit and unit["organid"] not in seen:
            seen.add(unit["organid"])
            names.insert(0, text(unit.get("title")))
            unit = self.units.get(unit.get("parentid"))
        return " - ".join(n for n in names if n)

    def add(self, row: dict, batch: Batch) -> None:
        key = f"{self.module.data}-{row['personid']}@{number(row.get('addtime'))}"
        name, notes = text(row.get("name")), []
        if not name:
            batch.left_out.append(LeftOut(key, text(row.get("position")) or key, "import-nv-no-title"))
            return
        unit = self.units.get(row.get("organid"), {})
        fields: dict = {"name": fit(self.kind, "name", name, notes, "nv")}
        position = text(row.get("position"))
        if not position:
            batch.left_out.append(LeftOut(key, name, "import-nv-no-position"))
            return
        fields["position"] = fit(self.kind, "position", position, notes, "nv")
        if self.unit_name(row.get("organid")):
            fields["unit"] = fit(self.kind, "unit", self.unit_name(row.get("organid")), notes, "nv")
        fields["order"] = number(row.get("weight"))
        if unit and number(unit.get("parentid")) == 0 and fold(position).startswith(LEADERS):
            fields["leader"] = True
            notes.append(("import-nv-leader", {"position": position}))
        fields.update(self._contact(row, notes))
        if str(row.get("active")) != "1" or (unit and str(unit.get("active")) != "1"):
            fields["draft"] = True
            notes.append(("import-nv-suspended", {}))
        photo = self.site.upload(self.module, row.get("photo"))
        if photo and self.site.elsewhere(photo):
            notes.append(("import-nv-remote-picture", {"url": photo}))
        uploads = [Upload(photo, field="photo")] if photo and not self.site.elsewhere(photo) else []
        batch.items.append(Item("staff", key, fields, body_html=self._biography(row), name=name,
                                old_urls=self._old_urls(row, unit), uploads=uploads, notes=notes))

    def _contact(self, row: dict, notes: list) -> dict:
        fields = {}
        phone = text(row.get("phone")) or text(row.get("mobile"))
        if phone:
            fields["phone"] = fit(self.kind, "phone", phone, notes, "nv")
        email = text(row.get("email"))
        if email and EMAIL.fullmatch(email):
            fields["email"] = email
        elif email:
            notes.append(("import-nv-bad-email", {"email": email}))
        return fields

    def _biography(self, row: dict) -> str:
        """The facts NukeViet kept in their own fields, then its description."""
        facts = []
        for column, code in FACTS:
            value = shown_day(row.get(column), before_1970=True) if column in DATES else text(row.get(column))
            if value:
                facts.append(f"<li>{html.escape(self.site.word(code, value=value), quote=False)}</li>")
        return (f"<ul>{''.join(facts)}</ul>" if facts else "") + str(row.get("description") or "")

    def _old_urls(self, row: dict, unit: dict) -> tuple[str, ...]:
        if not unit or not unit.get("alias"):
            return ()
        op = (f"{self.module.func('person')}/{unit['alias']}-{unit['organid']}/"
              f"{nukeviet_alias(str(row.get('name') or ''))}-{row['personid']}")
        return self.site.addresses(self.module, op)
