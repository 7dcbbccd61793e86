"""A site's identity: site.yaml (name, kind, parent, contacts, menu ...)."""

from __future__ import annotations

from typing import Any

from ..kind import Field, Kind
from ..national import Services
from ..records import CmsConfig, CmsRepository, MenuItem, Notice, SiteConfig
from ..nested import Mapping, MappingList
from ..types import BaseUrl, Boolean, Choice, DateTime, Email, Text, TextList, Url
from ..vocabulary import FORGES, SITE_KINDS
from .common import text

MENU_ITEM = Mapping(
    {"title": Text(80), "url": Url("/gioi-thieu/")},
    required=("title", "url"),
    example="{title: Giới thiệu, url: /gioi-thieu/}",
)
NOTICE = Mapping(
    {"text": Text(500), "from": DateTime(), "until": DateTime()},
    required=("text",),
    example="{text: Cổng tạm ngừng hoạt động để nâng cấp từ 22:00 ngày 05/12., "
            "from: 2019-11-25 00:00, until: 2019-12-06 06:00}",
    from_text="text",
    labels={"text": "Nội dung thông báo", "from": "Hiện từ", "until": "Hiện đến"},
)
SERVICES = Mapping(
    {"province_portal": Url("https://dichvucong.phutho.gov.vn/", site_paths=False),
     "tracking": Url("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html", site_paths=False),
     "feedback": Url("https://dichvucong.gov.vn/p/home/dvc-phan-anh-kien-nghi.html", site_paths=False)},
    required=(),
    example="\n  province_portal: https://dichvucong.phutho.gov.vn/\n"
            "  tracking: https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html\n"
            "  feedback: https://dichvucong.gov.vn/p/home/dvc-phan-anh-kien-nghi.html",
    labels={"province_portal": "Cổng dịch vụ công của tỉnh", "tracking": "Tra cứu hồ sơ",
            "feedback": "Phản ánh, kiến nghị"},
    each_alone=True,
)
CMS_SITE = Mapping(
    {"site": Text(80), "repo": Text(200), "branch": Text(200)},
    required=("site",),
    example="{site: an-binh, repo: xa-an-binh/noi-dung}",
    labels={"site": "Thư mục của trang", "repo": "Kho", "branch": "Nhánh"},
)
CMS = Mapping(
    {"backend": Choice(FORGES), "base_url": BaseUrl(), "api_root": Url("https://git.phutho.gov.vn/api/v1",
                                                                       site_paths=False, plain_host=True),
     "repo": Text(200), "branch": Text(200), "app_id": Text(200),
     "sites": MappingList(CMS_SITE, "[{site: an-binh, repo: xa-an-binh/noi-dung}]", max_items=1000),
     "review": Boolean()},
    required=("backend",),
    example="\n  backend: gitea\n  base_url: https://git.phutho.gov.vn/\n  repo: phu-tho/cong-thong-tin\n"
            "  branch: bien-tap/{site}\n  app_id: 5b0f6c1e-2d1a-4c55-9a57-0a3f7d9e2b41",
)

SITE = Kind(
    "site", "thông tin trang (site.yaml)", "", (
        Field("name", Text(200), "tên đầy đủ, hiện ở đầu trang và tiêu đề", required=True,
              example="Cổng thông tin điện tử tỉnh Phú Thọ"),
        Field("short_name", Text(80), "tên ngắn", example="Phú Thọ"),
        Field("name_en", Text(200), "tên tiếng Anh, hiện ở đầu các trang tiếng Anh (en/), thường là tên cơ quan",
              example="People's Committee of Phu Tho Province"),
        Field("kind", Choice(SITE_KINDS), "loại: " + " | ".join(SITE_KINDS.keys), required=True,
              example="commune"),
        Field("parent", Text(80), "thư mục của trang cha (bỏ trống ở cổng gốc)", example="phu-tho"),
        Field("base_url", BaseUrl(), "địa chỉ riêng của trang (nếu có tên miền riêng)",
              example="https://phutho.gov.vn/"),
        Field("owner", Text(200), "cơ quan chủ quản", example="Ủy ban nhân dân tỉnh Phú Thọ"),
        Field("responsible", Text(200), "người chịu trách nhiệm nội dung",
              example="Nguyễn Thúy Hằng - Phó Chủ tịch UBND tỉnh"),
        Field("licence", Text(200), "giấy phép", example="Giấy phép số 12/GP-TTĐT ngày 01/03/2019"),
        Field("address", Text(300), "địa chỉ", example="Số 1 đường Trần Phú, phường Việt Trì, tỉnh Phú Thọ"),
        Field("phone", Text(60), "điện thoại", example="0218 3 863 123"),
        Field("email", Email(), "thư điện tử của ban biên tập", example="bbt@phutho.gov.vn"),
        Field("menu", MappingList(MENU_ITEM, "[{title: Giới thiệu, url: /gioi-thieu/}]", 20),
              "trình đơn chính (bỏ trống để dùng trình đơn mặc định)", default=(),
              example="\n  - {title: Giới thiệu, url: /gioi-thieu/}"),
        Field("categories", TextList(("Tin tổng hợp", "Kinh tế - Xã hội", "Chuyển đổi số"), max_items=100,
                                     max_length=120),
              "chuyên mục tin bài của trang: trang quản trị cho chọn trong danh sách này (cùng các chuyên mục "
              "bài đã đăng có dùng)", default=()),
        Field("allow_html", Boolean(), "true: xin cho phép viết mã HTML trong bài (chỉ có tác dụng khi "
              "cổng gốc cho phép trang này trong allow_html_sites)", default=False, example=False),
        Field("allow_html_sites", TextList(("lac-thuy",), max_items=1000, max_length=80),
              "chỉ ở cổng gốc: thư mục các trang được phép viết mã HTML trong bài", default=()),
        Field("feedback_url", Url("https://phutho.gov.vn/gop-y", site_paths=False, plain_host=True),
              "địa chỉ nhận ý kiến đánh giá của người dân", example="https://phutho.gov.vn/gop-y"),
        Field("services", SERVICES, "dịch vụ công trên trang chủ: province_portal (cổng dịch vụ công của tỉnh), "
              "tracking (tra cứu hồ sơ), feedback (phản ánh, kiến nghị); ghi ở cổng gốc, trang cấp dưới dùng "
              "theo (hoặc ghi riêng); bỏ trống: dùng trang của Cổng Dịch vụ công quốc gia",
              example=SERVICES.example),
        Field("notice", NOTICE, "thông báo (ví dụ tạm ngừng hoạt động), hiện trong khoảng from–until",
              example="\n  text: Cổng thông tin tạm ngừng hoạt động để nâng cấp từ 22:00 ngày 05/12.\n"
                      "  from: 2019-11-25 00:00\n  until: 2019-12-06 06:00"),
        Field("cms", CMS, "chỉ ở cổng gốc: nơi trang quản trị nội dung (quan-tri/) của mọi trang lưu vào: "
              "backend: service là dịch vụ đăng bài của cổng (review: false để biên tập viên đăng không cần "
              "duyệt); gitea | forgejo | gitlab là kho Git (cần repo, app_id; {site} là thư mục của từng trang)",
              example=CMS.example),
        Field("sample_dated", DateTime(), "chỉ ở cổng gốc của cổng mẫu hay cổng tập huấn: ngày viết các ngày tháng "
              "của nội dung; mỗi lần dựng, ngày tháng của nội dung mẫu được dời tới theo từng tuần trọn cho tới tuần "
              "hiện tại (lịch, tin mới luôn là của tuần này); cổng thật không bao giờ ghi khóa này", example="2026-11-23"),
    ), extensions=(".yaml",), has_body=False)


def site_config(slug: str, values: dict[str, Any]) -> SiteConfig:
    """A site's identity from its validated site.yaml."""
    notice = values["notice"]
    return SiteConfig(
        slug=slug, name=values["name"], kind=values["kind"], short_name=text(values["short_name"]),
        name_en=text(values["name_en"]),
        parent=values["parent"] or None, base_url=values["base_url"], owner=text(values["owner"]),
        responsible=text(values["responsible"]), licence=text(values["licence"]),
        address=text(values["address"]), phone=text(values["phone"]), email=text(values["email"]),
        menu=tuple(MenuItem(m["title"], m["url"]) for m in values["menu"]),
        categories=values["categories"],
        allow_html=values["allow_html"], allow_html_sites=values["allow_html_sites"],
        feedback_url=text(values["feedback_url"]),
        notice=Notice(notice["text"], _moment(notice.get("from")), _moment(notice.get("until")))
        if notice else None,
        cms=_cms(values["cms"]),
        services=Services(**{key: text(value) for key, value in (values["services"] or {}).items()}),
        sample_dated=_moment(values["sample_dated"]),
    )


def _cms(block: dict | None) -> CmsConfig | None:
    if not block:
        return None
    return CmsConfig(
        backend=block["backend"], repo=text(block.get("repo")), app_id=text(block.get("app_id")),
        review=block.get("review") is not False,
        branch=text(block.get("branch")) or "main", base_url=text(block.get("base_url")),
        api_root=text(block.get("api_root")),
        sites=tuple(CmsRepository(s["site"], text(s.get("repo")), text(s.get("branch")))
                    for s in block.get("sites", ())),
    )


def _moment(when):
    return when.moment if when else None
