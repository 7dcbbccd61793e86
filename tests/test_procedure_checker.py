"""A procedure's page carries what the law asks (time limit, fee, agency,
dossier, legal basis ...): `check` names each item missing, and the page shows
nothing the editor did not write."""

from __future__ import annotations

import re

from conftest import NOW, ROOT_SITE, commune_site, front, write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time
from sitegen.problems import Severity

BARE = front({"code": "1.001193", "title": "Đăng ký khai sinh", "field": "Hộ tịch"})
WHOLE = front({"code": "1.000894", "title": "Đăng ký kết hôn", "field": "Hộ tịch", "level": "commune",
               "online": "partial", "processing_time": "Ngay trong ngày", "fee": "Miễn lệ phí",
               "agency": "UBND cấp xã", "applicants": "Công dân Việt Nam", "result": "Giấy chứng nhận kết hôn",
               "legal_basis": "[Luật Hộ tịch 2014]"},
              "## Trình tự thực hiện\n\nBước 1.\n\n## Thành phần hồ sơ\n\n- Tờ khai.")


def test_each_missing_item_is_named_and_the_page_invents_nothing(tmp_path):
    sites = write_tree(tmp_path / "sites", {"huyen/site.yaml": ROOT_SITE, "xa/site.yaml": commune_site("An", "huyen"),
                                            "xa/procedures/khai-sinh.md": BARE, "xa/procedures/ket-hon.md": WHOLE})
    result = build(BuildSettings(sites, tmp_path / "out", build_time(NOW)))
    bare = [p for p in result.problems if p.path.endswith("khai-sinh.md")]
    assert all(p.severity == Severity.WARNING and p.line == 3 for p in bare)
    named = {dict(p.params).get("key") or dict(p.params)["heading"] for p in bare}
    assert named == {"level", "online", "processing_time", "fee", "agency", "applicants", "result", "legal_basis",
                     "Thành phần hồ sơ", "Trình tự thực hiện"}
    fee = next(p for p in bare if dict(p.params).get("key") == "fee")
    assert "'fee' (phí, lệ phí)" in fee.message("vi") and "fee: Miễn lệ phí" in fee.message("vi")
    assert not [p for p in result.problems if p.path.endswith("ket-hon.md")], "a whole procedure: no warning"
    page = (tmp_path / "out" / "xa" / "thu-tuc" / "1-001193" / "index.html").read_text(encoding="utf-8")
    main = page[page.index("<main"):page.index("</main>")]
    assert "Cấp xã" not in main and "Không" not in re.sub(r"<[^>]+>", " ", main).split(), \
        "no level or online service the editor did not write"
    whole = (tmp_path / "out" / "xa" / "thu-tuc" / "1-000894" / "index.html").read_text(encoding="utf-8")
    assert "Cấp xã" in whole and "Một phần" in whole
