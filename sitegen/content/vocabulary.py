"""The closed lists of the portal, each defined once.

Site kinds, procedure levels, online service, event kinds, page topics, the
types and sections of documents, and the Git forges the admin pages save into:
their keys (what the files and report.json say), the words editors may write
instead (with or without diacritics), and the labels citizens and the
webmaster read, in Vietnamese and English. The validator, the theme (the
`label` filter), the report and the webmaster's required-items file all
read these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    key: str  # as written in files and report.json
    vi: str  # the label shown to citizens
    en: str
    aliases: tuple[str, ...] = ()  # what editors may write instead


@dataclass(frozen=True)
class SiteKind(Word):
    level: str = "commune"  # the procedure level (cấp thực hiện) a site of this kind works at
    may_have_sub_sites: bool = False


class Vocabulary:
    """An ordered closed list of words."""

    def __init__(self, name: str, words: tuple[Word, ...], written: str = "key"):
        """written: what editors write, 'key' (province) or 'label' (Quyết định)."""
        self.name = name
        self.words = words
        self.written = written
        self._by_key = {word.key: word for word in words}

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self._by_key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self):
        return iter(self.words)

    def get(self, key: str) -> Word | None:
        return self._by_key.get(key)

    def label(self, key: str, lang: str = "vi") -> str:
        word = self._by_key.get(key)
        if word is None:
            return key
        return word.en if lang == "en" else word.vi

    def spelled(self, key: str) -> str:
        """A word as editors write it."""
        return self.label(key) if self.written == "label" else key

    def rank(self, key: str) -> int:
        """A key's position in the list (for sorting); unknown keys last."""
        return self.keys.index(key) if key in self._by_key else len(self.words)


SITE_KINDS = Vocabulary("site_kinds", (
    # Since 1 July 2025 a "thành phố" is a centrally governed city, one level with a province.
    SiteKind("province", "Tỉnh", "Province", ("tỉnh", "thành phố", "thành phố trực thuộc trung ương"),
             level="province", may_have_sub_sites=True),
    SiteKind("district", "Huyện", "District", ("huyện", "quận", "thị xã", "thành phố thuộc tỉnh"),
             level="district", may_have_sub_sites=True),
    SiteKind("commune", "Xã", "Commune", ("xã",)),
    SiteKind("ward", "Phường", "Ward", ("phường",)),
    SiteKind("special-zone", "Đặc khu", "Special zone", ("đặc khu", "đặc-khu", "special zone", "special_zone")),
    SiteKind("town", "Thị trấn", "Town", ("thị trấn",)),  # gone since 1 July 2025: old portals still build
))

LEVELS = Vocabulary("levels", (
    Word("province", "Cấp tỉnh", "Province level", ("tỉnh", "cấp tỉnh")),
    Word("district", "Cấp huyện", "District level", ("huyện", "cấp huyện")),
    Word("commune", "Cấp xã", "Commune level", ("xã", "cấp xã", "phường", "thị trấn", "đặc khu")),
))

ONLINE = Vocabulary("online", (
    Word("full", "Toàn trình", "Fully online", ("toàn trình", "toan trinh", "trực tuyến toàn trình")),
    Word("partial", "Một phần", "Partly online", ("một phần", "mot phan", "trực tuyến một phần")),
    Word("none", "Không", "Not online", ("không", "khong", "trực tiếp")),
))

EVENT_KINDS = Vocabulary("event_kinds", (
    Word("meeting", "Họp", "Meeting", ("họp", "mời họp", "giấy mời họp", "lịch họp")),
    Word("work", "Công tác", "Work", ("công tác", "lịch công tác", "làm việc")),
    # A session at which a leader receives citizens (Law on Citizen Reception 2013): its
    # `chair` is who receives; the site's tiep-cong-dan/ page lists these sessions.
    Word("reception", "Tiếp công dân", "Citizen reception",
         ("tiếp công dân", "tiếp dân", "lịch tiếp công dân", "tiếp công dân định kỳ")),
))

# What the rules require a portal to publish, each as a fixed page's topic.
TOPICS = Vocabulary("topics", (
    Word("introduction", "Giới thiệu chung", "Introduction", ("giới thiệu", "giới thiệu chung")),
    Word("organisation", "Cơ cấu tổ chức bộ máy", "Organisation",
         ("cơ cấu tổ chức", "tổ chức bộ máy", "cơ cấu tổ chức bộ máy", "organization")),
    Word("map", "Bản đồ địa giới hành chính", "Administrative map",
         ("bản đồ", "bản đồ hành chính", "bản đồ địa giới hành chính")),
    Word("nature", "Điều kiện tự nhiên", "Natural conditions", ("điều kiện tự nhiên", "tự nhiên")),
    Word("history", "Lịch sử, truyền thống văn hóa", "History and cultural traditions",
         ("lịch sử", "truyền thống văn hóa", "lịch sử, truyền thống văn hóa")),
    Word("heritage", "Di tích, danh thắng", "Relics and landscapes",
         ("di tích", "danh thắng", "di tích, danh thắng")),
    Word("contact", "Trang liên hệ", "Contact page", ("liên hệ", "trang liên hệ")),
))

# The types of document (loại văn bản), with the abbreviations numbers use (QĐ, KH ...).
DOCUMENT_TYPES = Vocabulary("document_types", (
    Word("nghi-quyet", "Nghị quyết", "Resolution", ("nghị quyết", "nq")),
    Word("quyet-dinh", "Quyết định", "Decision", ("quyết định", "qđ", "qd")),
    Word("chi-thi", "Chỉ thị", "Directive", ("chỉ thị", "ct")),
    Word("ke-hoach", "Kế hoạch", "Plan", ("kế hoạch", "kh")),
    Word("thong-bao", "Thông báo", "Notice", ("thông báo", "tb")),
    Word("cong-van", "Công văn", "Official letter", ("công văn", "cv")),
    Word("bao-cao", "Báo cáo", "Report", ("báo cáo", "bc")),
    Word("huong-dan", "Hướng dẫn", "Guidance", ("hướng dẫn", "hd")),
    Word("chuong-trinh", "Chương trình", "Programme", ("chương trình", "ctr")),
    Word("cong-dien", "Công điện", "Official telegram", ("công điện", "cđ")),
    Word("quy-che", "Quy chế", "Regulation", ("quy chế", "qc")),
    Word("de-an", "Đề án", "Scheme", ("đề án", "đa")),
    Word("to-trinh", "Tờ trình", "Submission", ("tờ trình", "ttr")),
    Word("giay-moi", "Giấy mời", "Invitation", ("giấy mời", "gm")),
    Word("du-thao", "Dự thảo", "Draft", ("dự thảo", "dt")),
    Word("khac", "Khác", "Other", ("khác", "văn bản khác")),
), written="label")

# What a document is published as (the law's headings): legal and direction
# documents, and the disclosures (công khai) a commune must make.
DOCUMENT_SECTIONS = Vocabulary("document_sections", (
    Word("legal", "Văn bản quy phạm pháp luật", "Legal documents",
         ("quy phạm pháp luật", "văn bản quy phạm pháp luật", "qppl")),
    Word("direction", "Văn bản chỉ đạo, điều hành", "Direction documents",
         ("chỉ đạo điều hành", "chỉ đạo", "điều hành", "văn bản chỉ đạo điều hành")),
    Word("budget", "Công khai ngân sách", "Budget disclosures",
         ("ngân sách", "công khai ngân sách", "tài chính", "dự toán", "quyết toán")),
    Word("investment", "Đầu tư công, mua sắm công", "Public investment and procurement",
         ("đầu tư", "đầu tư công", "mua sắm", "mua sắm công", "đấu thầu")),
    Word("planning", "Quy hoạch, kế hoạch sử dụng đất", "Planning",
         ("quy hoạch", "quy hoạch sử dụng đất", "kế hoạch sử dụng đất")),
    Word("recruitment", "Tuyển dụng", "Recruitment", ("tuyển dụng", "thi tuyển", "xét tuyển")),
    Word("disclosure", "Công khai khác", "Other disclosures", ("công khai", "công khai khác")),
))


# The languages a page may be written in: Vietnamese, and English (Decree 42/2022, Art. 7:
# the organisation, its functions and duties and its officials' contacts in English too).
LANGUAGES = Vocabulary("languages", (
    Word("vi", "Tiếng Việt", "Vietnamese", ("vn", "vie", "vi-vn", "tiếng việt", "việt")),
    Word("en", "Tiếng Anh", "English", ("eng", "en-gb", "en-us", "english", "tiếng anh", "anh")),
))


@dataclass(frozen=True)
class Forge(Word):
    api: str = "/api/v1"  # the forge's API under its base_url (Decap's api_root)


# Where the admin pages' CMS (Decap) saves: the portal's own publishing service,
# or a self-hosted Git forge whose sign-in Decap offers (the key: Decap's name of its back end).
FORGES = Vocabulary("forges", (
    Forge("gitea", "Gitea", "Gitea", (), api="/api/v1"),
    Forge("forgejo", "Forgejo", "Forgejo", ("codeberg",), api="/api/v1"),
    Forge("gitlab", "GitLab", "GitLab", (), api="/api/v4"),
    Forge("service", "dịch vụ đăng bài của cổng", "the portal's publishing service", (), api=""),
))
SERVICE = "service"  # the portal's own publishing service (sitegen/service), not a forge

VOCABULARIES = {v.name: v for v in (SITE_KINDS, LEVELS, ONLINE, EVENT_KINDS, TOPICS, DOCUMENT_TYPES,
                                    DOCUMENT_SECTIONS, FORGES, LANGUAGES)}


def forge_api(backend: str) -> str:
    """Where a forge's API lives under its address ('/api/v1')."""
    word = FORGES.get(backend)
    return word.api if isinstance(word, Forge) else "/api/v1"


def site_level(kind: str) -> str:
    """The procedure level a site of this kind works at."""
    word = SITE_KINDS.get(kind)
    return word.level if isinstance(word, SiteKind) else "commune"


def may_have_sub_sites(kind: str) -> bool:
    word = SITE_KINDS.get(kind)
    return isinstance(word, SiteKind) and word.may_have_sub_sites
