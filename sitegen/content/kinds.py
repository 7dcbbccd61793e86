"""Every content kind's fields, declared once.

The validator (validate below), the `new` scaffolds and the editors' field
reference all read these declarations, so a field's type, default, help
text and example are written in exactly one place. Keys follow the editors'
contract (CONTENT.md) and are never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..problems import Problem, Severity, hint, problem
from .source import Value
from .types import (
    AssetPath, BaseUrl, Boolean, Choice, Context, DateTime, Email, FieldType, Integer, Invalid,
    Mapping, MappingList, ProcedureCode, Slug, Text, TextList, Url, closest, yaml_scalar,
)


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    help: str  # Vietnamese, one line: shown in scaffolds, the guide and messages
    required: bool = False
    default: Any = None
    example: Any = None

    def example_value(self) -> Any:
        return self.example if self.example is not None else self.type.example


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # Vietnamese name of the kind, as editors call it
    folder: str
    extensions: tuple[str, ...]
    fields: tuple[Field, ...]
    has_body: bool = True
    body_help: str = ""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


SITE_KINDS = Choice({
    "province": ("tỉnh", "thành phố trực thuộc trung ương"),
    "district": ("huyện", "quận", "thị xã", "thành phố thuộc tỉnh"),
    "commune": ("xã",),
    "ward": ("phường",),
    "town": ("thị trấn",),
})
LEVELS = Choice({
    "province": ("tỉnh", "cấp tỉnh"),
    "district": ("huyện", "cấp huyện"),
    "commune": ("xã", "cấp xã", "phường", "thị trấn"),
})
ONLINE = Choice({
    "full": ("toàn trình", "toan trinh", "trực tuyến toàn trình"),
    "partial": ("một phần", "mot phan", "trực tuyến một phần"),
    "none": ("không", "khong", "trực tiếp"),
})
EVENT_KINDS = Choice({
    "meeting": ("họp", "mời họp", "giấy mời họp", "lịch họp"),
    "work": ("công tác", "lịch công tác", "làm việc"),
})

DRAFT = Field("draft", Boolean(), "true: bản nháp, chưa xuất bản", default=False, example=False)

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
)
FORM = Mapping(
    {"title": Text(300), "file": AssetPath("files", "files/to-khai.pdf")},
    required=("title",),
    example="{title: Tờ khai đăng ký khai sinh, file: files/to-khai-khai-sinh.pdf}",
    from_text="title",
)

SITE = Kind(
    "site", "thông tin trang (site.yaml)", "", (".yaml",), has_body=False, fields=(
        Field("name", Text(200), "tên đầy đủ, hiện ở đầu trang và tiêu đề", required=True,
              example="Cổng thông tin điện tử huyện Lạc Thủy"),
        Field("short_name", Text(80), "tên ngắn", example="Lạc Thủy"),
        Field("kind", SITE_KINDS, "loại: province | district | commune | ward | town",
              required=True, example="commune"),
        Field("parent", Text(80), "thư mục của trang cha (bỏ trống ở cổng gốc)", example="lac-thuy"),
        Field("base_url", BaseUrl(), "địa chỉ riêng của trang (nếu có tên miền riêng)",
              example="https://lacthuy.hoabinh.gov.vn/"),
        Field("owner", Text(200), "cơ quan chủ quản", example="Ủy ban nhân dân huyện Lạc Thủy"),
        Field("responsible", Text(200), "người chịu trách nhiệm nội dung",
              example="Nguyễn Thúy Hằng - Phó Chủ tịch UBND huyện"),
        Field("licence", Text(200), "giấy phép", example="Giấy phép số 12/GP-TTĐT ngày 01/03/2019"),
        Field("address", Text(300), "địa chỉ", example="Thị trấn Chi Nê, huyện Lạc Thủy, tỉnh Hòa Bình"),
        Field("phone", Text(60), "điện thoại", example="0218 3 863 123"),
        Field("email", Email(), "thư điện tử của ban biên tập", example="bbt@lacthuy.hoabinh.gov.vn"),
        Field("menu", MappingList(MENU_ITEM, "[{title: Giới thiệu, url: /gioi-thieu/}]", 20),
              "trình đơn chính (bỏ trống để dùng trình đơn mặc định)", default=(),
              example="\n  - {title: Giới thiệu, url: /gioi-thieu/}"),
        Field("allow_html", Boolean(), "true: cho phép viết mã HTML trong bài", default=False,
              example=False),
        Field("feedback_url", Url("https://lacthuy.hoabinh.gov.vn/gop-y", site_paths=False),
              "địa chỉ nhận ý kiến đánh giá của người dân", example="https://lacthuy.hoabinh.gov.vn/gop-y"),
        Field("notice", NOTICE, "thông báo (ví dụ tạm ngừng hoạt động), hiện trong khoảng from–until",
              example="\n  text: Cổng thông tin tạm ngừng hoạt động để nâng cấp từ 22:00 ngày 05/12.\n"
                      "  from: 2019-11-25 00:00\n  until: 2019-12-06 06:00"),
    ))

NEWS = Kind(
    "news", "tin bài", "news", (".md", ".markdown"), body_help="nội dung bài viết", fields=(
        Field("title", Text(300), "tiêu đề bài", required=True,
              example="Tình hình ứng dụng CNTT phát triển chính quyền điện tử"),
        Field("date", DateTime(), "ngày giờ đăng (giờ Việt Nam); ngày trong tương lai là hẹn giờ đăng",
              example="27/06/2019 17:00"),
        Field("category", Text(120), "chuyên mục", example="Tin tổng hợp"),
        Field("categories", TextList(("Tin tổng hợp", "Chuyển đổi số"), max_items=10),
              "nhiều chuyên mục (thay cho category)", default=()),
        Field("author", Text(120), "tác giả", example="Thùy An"),
        Field("summary", Text(2000, multiline=True), "tóm tắt (bỏ trống thì lấy đoạn đầu)",
              example="6 tháng đầu năm 2019, UBND huyện ..."),
        Field("image", AssetPath("images", "images/mot-cua.jpg"), "ảnh đại diện",
              example="images/mot-cua.jpg"),
        Field("image_caption", Text(500), "chú thích ảnh", example="Bộ phận một cửa của UBND huyện"),
        Field("tags", TextList(("chuyển đổi số", "một cửa"), max_items=30, max_length=80), "từ khóa",
              default=()),
        Field("featured", Boolean(), "true: ghim lên trang chủ", default=False, example=False),
        Field("to_parent", Boolean(), "true: hiện cả trên cổng cấp trên (trang xã)", default=False,
              example=False),
        DRAFT,
        Field("slug", Slug(), "tên đường dẫn (bỏ trống thì tạo từ tiêu đề)",
              example="tinh-hinh-ung-dung-cntt"),
    ))

STAFF = Kind(
    "staff", "cán bộ, công chức", "staff", (".md", ".markdown"), body_help="lý lịch tóm tắt", fields=(
        Field("name", Text(120), "họ và tên", required=True, example="Nguyễn Thành Mạnh"),
        Field("position", Text(200), "chức vụ", required=True, example="Chủ tịch UBND huyện"),
        Field("unit", Text(150), "đơn vị: Đảng ủy | HĐND | UBND | MTTQ | phòng, ban ...",
              example="Ủy ban nhân dân"),
        Field("order", Integer(), "thứ tự trong đơn vị", default=100, example=1),
        Field("leader", Boolean(), "true: thuộc lãnh đạo (cần lý lịch và phân công nhiệm vụ)",
              default=False, example=False),
        Field("photo", AssetPath("images", "images/nguyen-thanh-manh.jpg"), "ảnh chân dung",
              example="images/nguyen-thanh-manh.jpg"),
        Field("phone", Text(60), "điện thoại", example="0218 3 863 001"),
        Field("email", Email(), "thư điện tử", example="manhnt@lacthuy.hoabinh.gov.vn"),
        Field("duties", TextList(("Lãnh đạo chung", "Phụ trách nội chính"), split=False),
              "phân công nhiệm vụ", default=()),
        DRAFT,
        Field("slug", Slug(), "tên đường dẫn (bỏ trống thì tạo từ họ tên)", example="nguyen-thanh-manh"),
    ))

EVENT_FIELDS = (
    Field("title", Text(400), "nội dung công việc, cuộc họp", required=True,
          example="Hội nghị triển khai nhiệm vụ xây dựng chính quyền điện tử"),
    Field("start", DateTime(), "bắt đầu", required=True, example="25/11/2019 08:00"),
    Field("end", DateTime(), "kết thúc", example="25/11/2019 11:00"),
    Field("location", Text(300), "địa điểm", example="Hội trường UBND huyện"),
    Field("chair", Text(300), "chủ trì", example="Nguyễn Thành Mạnh - Chủ tịch UBND huyện"),
    Field("participants", TextList(("Lãnh đạo các phòng, ban", "Chủ tịch UBND các xã, thị trấn"),
                                   split=False), "thành phần", default=()),
    Field("kind", EVENT_KINDS, "meeting (mời họp) | work (lịch công tác)", default="work",
          example="meeting"),
    Field("invitation", AssetPath("files", "files/giay-moi.pdf"), "giấy mời (tệp đính kèm)",
          example="files/giay-moi-25-11.pdf"),
    Field("cancelled", Boolean(), "true: đã hoãn/hủy (vẫn hiện, có ghi rõ)", default=False,
          example=False),
    DRAFT,
    Field("slug", Slug(), "tên đường dẫn (bỏ trống thì tạo từ ngày và nội dung)", example="hoi-nghi"),
)

EVENT = Kind("event", "lịch công tác, lịch họp", "schedule", (".md", ".markdown", ".yaml", ".yml"),
             body_help="ghi chú thêm (không bắt buộc)", fields=EVENT_FIELDS)

PROCEDURE = Kind(
    "procedure", "thủ tục hành chính", "procedures", (".md", ".markdown"),
    body_help="trình tự thực hiện, thành phần hồ sơ ...", fields=(
        Field("code", ProcedureCode(), "mã thủ tục trên Cơ sở dữ liệu quốc gia", required=True,
              example="1.001193"),
        Field("title", Text(400), "tên thủ tục", required=True, example="Đăng ký khai sinh"),
        Field("field", Text(150), "lĩnh vực", example="Hộ tịch"),
        Field("level", LEVELS, "cấp thực hiện: province | district | commune", example="commune"),
        Field("online", ONLINE, "dịch vụ công trực tuyến: full (toàn trình) | partial (một phần) | none",
              default="none", example="full"),
        Field("processing_time", Text(300), "thời hạn giải quyết",
              example="Ngay trong ngày khi nhận đủ hồ sơ"),
        Field("fee", Text(300), "phí, lệ phí", example="Miễn lệ phí"),
        Field("agency", Text(300), "cơ quan thực hiện", example="UBND cấp xã"),
        Field("applicants", Text(300), "đối tượng thực hiện", example="Công dân Việt Nam"),
        Field("result", Text(300), "kết quả", example="Giấy khai sinh"),
        Field("forms", MappingList(FORM, "[{title: Tờ khai, file: files/to-khai.pdf}]"),
              "mẫu đơn, tờ khai", default=(),
              example="[{title: Tờ khai đăng ký khai sinh, file: files/to-khai-khai-sinh.pdf}]"),
        Field("legal_basis", TextList(("Luật Hộ tịch 2014",), split=False), "căn cứ pháp lý",
              default=()),
        Field("online_url", Url("https://dichvucong.gov.vn/", site_paths=False),
              "địa chỉ nộp hồ sơ trực tuyến", example="https://dichvucong.gov.vn/"),
        DRAFT,
    ))

TOPICS = ("introduction", "organisation", "map", "nature", "history", "heritage", "contact")

PAGE = Kind(
    "page", "trang cố định", "pages", (".md", ".markdown"), body_help="nội dung trang", fields=(
        Field("title", Text(300), "tiêu đề trang", required=True, example="Giới thiệu"),
        Field("menu", Integer(), "vị trí trong trình đơn chính (bỏ trống: không đưa vào)", example=1),
        Field("topic", Choice({t: () for t in TOPICS}),
              "mục bắt buộc mà trang này đáp ứng: " + " | ".join(TOPICS), example="introduction"),
        DRAFT,
        Field("slug", Slug(), "tên đường dẫn (bỏ trống thì lấy tên tệp)", example="gioi-thieu"),
    ))

KINDS: dict[str, Kind] = {k.name: k for k in (SITE, NEWS, STAFF, EVENT, PROCEDURE, PAGE)}


def validate(kind: Kind, fields: dict[str, Value], path: str,
             site_files: frozenset[str]) -> tuple[dict[str, Any], dict[str, int], list[Problem], bool]:
    """Check fields against a kind: values (defaults filled), lines, problems, usable.

    A bad optional field is reported and left out; a missing or bad required
    field makes the item unusable (usable=False) but is still fully reported.
    """
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for name, value in fields.items():
        declared = kind.field(name)
        if declared is None:
            problems.append(_unknown_key(kind, name, value, path))
            continue
        lines[name] = value.line
        if value.data in (None, "", []):
            continue
        try:
            values[name] = declared.type.parse(value, Context(path, name, site_files))
        except Invalid as invalid:
            problems.append(problem(path, value.line, invalid.code, invalid.severity,
                                    column=value.column, **invalid.params))
            if invalid.fixed is not None:
                values[name] = invalid.fixed
            elif declared.required:
                lines[name] = -value.line  # reported already: not "missing" too
    usable = True
    for declared in kind.fields:
        if values.get(declared.name) not in (None, ""):
            continue
        if not declared.required:
            values[declared.name] = declared.default
            continue
        usable = False
        line = lines.get(declared.name)
        if line is None or line > 0:
            problems.append(problem(path, line or _first_line(fields), "missing-field",
                                    key=declared.name, help=declared.help,
                                    example=yaml_scalar(declared.example_value())))
    return values, {k: abs(v) for k, v in lines.items()}, problems, usable


def _unknown_key(kind: Kind, name: str, value: Value, path: str) -> Problem:
    suggestion = closest(name.lower(), kind.names)
    extra = (hint("did-you-mean", suggestion=suggestion) if suggestion
             else hint("known-keys", keys=", ".join(kind.names)))
    return problem(path, value.line, "unknown-key", Severity.WARNING, column=value.column,
                   key=name, kind=kind.label, hint=extra)


def _first_line(fields: dict[str, Value]) -> int:
    """Where a missing key belongs: the line of the first key written, else line 1."""
    return min((v.line for v in fields.values()), default=1)
