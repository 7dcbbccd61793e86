"""The admin page's CMS configuration (outputs/cms.py), made from the registry
of kinds: every declared field is on the form with the widget its type calls
for, and a site's configuration names its own folder and nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pytest

from sitegen.content.dates import LOCAL_TZ
from sitegen.content.kind import Field, Kind
from sitegen.content.kinds import DEFAULT
from sitegen.content.records import CmsConfig, CmsRepository, CmsTarget, SiteConfig, SiteContent
from sitegen.content.nested import Mapping, MappingList
from sitegen.content.types import AssetPath, Boolean, Choice, DateTime, Reference, Text, TextList
from sitegen.content.vocabulary import LEVELS
from sitegen.outputs.cms import WIDGETS, SiteForm, editable, site_config, with_local_backend
from sitegen.portal.model import build_portal

NOW = datetime(2026, 11, 22, 10, tzinfo=LOCAL_TZ)


def _config(folder: str = "xa-an", kinds=DEFAULT, site: SiteForm = SiteForm(sub_site=True)) -> dict:
    """A commune's configuration (a sub-site's, unless site says otherwise)."""
    return site_config(CmsTarget(folder), "https://huyen.vn/xa-an/", kinds, site)


def _form(config: dict, kind: str) -> dict[str, dict]:
    collection = next(c for c in config["collections"] if c["name"] == kind)
    return {f["name"]: f for f in collection["fields"]}


def _sub_fields(config_field: dict) -> dict[str, dict]:
    return {f["name"]: f for f in config_field.get("fields", ())}


def _has(config: dict, expected: dict) -> bool:
    return all(config.get(key) == value for key, value in expected.items())


def _declared_sub_fields(kind) -> dict:
    if isinstance(kind, MappingList):
        kind = kind.item
    return kind.fields if isinstance(kind, Mapping) else {}


def test_every_field_of_every_kind_is_on_the_admin_form():
    """A field the build accepts but the form lacks could never be written in
    the browser: this fails as soon as a kind gains a field the generator misses."""
    config = _config()
    missing = []
    for kind in DEFAULT:
        assert editable(kind), kind.name
        form = _form(config, kind.name)
        for field in kind.fields:
            if field.name not in form:
                missing.append(f"{kind.name}.{field.name}")
                continue
            subs = _sub_fields(form[field.name])
            missing += [f"{kind.name}.{field.name}.{name}" for name in _declared_sub_fields(field.type)
                        if name not in subs]
        if kind.has_body:
            assert form["body"]["widget"] == "markdown"
            assert form["body"]["sanitize_preview"] is True  # no editor's HTML runs on the admin page
            assert form["body"]["editor_components"] == ["image"]  # no code blocks: no CodeMirror chunks
        assert set(form) - {"body"} == set(kind.names), kind.name  # nothing the build would refuse
    assert missing == []


def test_every_key_of_a_nested_field_has_a_vietnamese_name_on_the_form():
    """A nested mapping (a procedure's forms, a document's files) names each key
    for the form: an editor never reads 'feedback_url'."""
    unnamed = []
    for kind in DEFAULT:
        for field in kind.fields:
            mapping = _declared_sub_fields(field.type)
            labels = (field.type.item if isinstance(field.type, MappingList) else field.type).labels \
                if mapping else {}
            unnamed += [f"{kind.name}.{field.name}.{key}" for key in mapping if not labels.get(key)]
    assert unnamed == []


def test_each_field_type_has_its_widget():
    config = _config()
    seen = set()
    for kind in DEFAULT:
        form = _form(config, kind.name)
        for field in kind.fields:
            widget = form[field.name]["widget"]
            seen.add(type(field.type))
            expected = {Reference: "relation", Text: "text" if getattr(field.type, "multiline", False) else "string",
                        Boolean: "boolean", DateTime: "datetime", Choice: "select", TextList: "list",
                        MappingList: "list", Mapping: "object"}.get(type(field.type))
            if isinstance(field.type, AssetPath):
                expected = "image" if field.type.folder == "images" else "file"
            if expected:
                assert widget == expected, f"{kind.name}.{field.name}: {widget}"
    assert {Text, Reference, Boolean, DateTime, Choice, TextList, AssetPath, MappingList} <= seen
    assert all(any(issubclass(t, known) for known in WIDGETS) for t in seen)


def test_required_fields_help_and_choices_follow_the_declarations():
    form = _form(_config(), "procedure")
    assert form["code"]["required"] and form["title"]["required"] and not form["fee"]["required"]
    assert form["level"]["options"] == [{"label": w.vi, "value": w.key} for w in LEVELS]
    types = _form(_config(), "document")["type"]["options"]
    assert {"label": "Quyết định", "value": "Quyết định"} in types  # as the editors' contract writes it
    assert "default" not in form["online"], "left out, nothing is said of the online service"
    assert form["online_url"]["label"] == "Địa chỉ nộp hồ sơ trực tuyến"
    assert _form(_config(), "staff")["unit"]["hint"] == "Đơn vị: Đảng ủy | HĐND | UBND | MTTQ | phòng, ban ..."
    forms = _sub_fields(form["forms"])
    assert forms["title"]["required"] and not forms["file"]["required"]
    assert forms["file"]["widget"] == "file" and forms["title"]["label"] == "Tên mẫu đơn, tờ khai"
    news = _form(_config(), "news")
    assert news["date"]["hint"] == "Ngày giờ đăng (giờ Việt Nam); ngày trong tương lai là hẹn giờ đăng"
    assert news["featured"]["label"] == "Ghim lên trang chủ" and "true" not in str(news["featured"])


def test_the_site_s_categories_are_offered_as_a_choice_one_or_several():
    """A typo in a free text box would make a new category: the form offers the site's."""
    terms = ("Tin tổng hợp", "Kinh tế - Xã hội")
    news = _form(_config(site=SiteForm(sub_site=True, terms={"categories": terms})), "news")
    assert news["category"]["widget"] == "select" and news["category"]["options"] == list(terms)
    assert "multiple" not in news["category"] and not news["category"]["required"]
    assert _has(news["categories"], {"widget": "select", "options": list(terms), "multiple": True, "max": 10})
    assert "category" not in news["categories"]["hint"]  # no key names on the form
    assert news["tags"]["widget"] == "list", "tags stay free"
    blank = _form(_config(), "news")  # a site that has none yet: a box to write the first one in
    assert blank["category"]["widget"] == "string" and blank["categories"]["widget"] == "list"


def test_a_communes_article_goes_up_to_its_parent_unless_the_editor_unticks_it():
    """Pre-filled on a sub-site's form (a file without the key still stays on its site);
    the root has no parent: its form leaves the field out and a file's value as it is."""
    commune = _form(_config(), "news")["to_parent"]
    assert _has(commune, {"widget": "boolean", "default": True})
    assert "Tin từ cơ sở" in commune["label"] and "true" not in str(commune)
    root = _form(_config("huyen", site=SiteForm()), "news")["to_parent"]
    assert root["widget"] == "hidden" and "default" not in root
    news = next(c for c in _config("huyen", site=SiteForm())["collections"] if c["name"] == "news")
    assert "to_parent" not in [f["field"] for f in news["view_filters"]]
    from sitegen.content.kinds.news import FIELDS

    assert next(f for f in FIELDS if f.name == "to_parent").default is False  # what a missing key means


def test_an_article_and_a_page_need_their_text_a_document_does_not():
    assert _form(_config(), "news")["body"]["required"] and _form(_config(), "page")["body"]["required"]
    assert not _form(_config(), "document")["body"]["required"]


def test_lists_show_the_newest_first_with_dates_and_filters_and_lead_to_the_page():
    config = _config()
    news = next(c for c in config["collections"] if c["name"] == "news")
    assert news["sortable_fields"] == [{"field": "date", "default_sort": "desc"}, "title"]
    assert news["summary"] == "{{date}} — {{title}}"  # sitegen-cms.js shows the date as 20/11/2026 09:30
    assert {f["field"] for f in news["view_filters"]} == {"featured", "to_parent", "draft"}
    assert all(f["pattern"] is True for f in news["view_filters"])
    assert news["preview_path"] == "quan-tri/xem.html#news/{{filename}}"
    documents = next(c for c in config["collections"] if c["name"] == "document")
    assert documents["sortable_fields"][0] == {"field": "issued", "default_sort": "desc"}
    staff = next(c for c in config["collections"] if c["name"] == "staff")
    assert "summary" not in staff and staff["sortable_fields"] == ["name"]
    assert config["show_preview_links"] is True
    assert "logo_url" not in config  # none given: Decap's own
    assert _config(site=SiteForm(logo="../assets/favicon.0123456789.svg"))["logo_url"] == \
        "../assets/favicon.0123456789.svg"


def test_the_form_speaks_plainly():
    """No key names, no 'Tên đường dẫn': what each field does, in the words of the form."""
    news = _form(_config(), "news")
    assert news["categories"]["label"] == "Chuyên mục khác"
    assert news["slug"]["label"] == "Phần cuối địa chỉ trang" and "để trống" in news["slug"]["hint"]
    for kind in DEFAULT:
        for config_field in _form(_config(), kind.name).values():
            shown = f"{config_field.get('label', '')} {config_field.get('hint', '')}"
            assert not re.search(r"thay cho|Tên đường dẫn|\btrue\b", shown), (kind.name, shown)


def test_pictures_go_into_images_and_attachments_into_files_of_the_site():
    config = _config("an-binh")
    news = _form(config, "news")
    assert _has(news["image"], {"widget": "image", "media_folder": "/sites/an-binh/images",
                                  "public_folder": "images"})
    event = _form(config, "event")
    assert _has(event["invitation"], {"widget": "file", "media_folder": "/sites/an-binh/files",
                                        "public_folder": "files"})
    assert config["media_folder"] == "sites/an-binh/images" and config["public_folder"] == "images"


def test_dates_are_written_in_local_time_without_an_offset():
    """Decap has no time-zone setting: its picker shows the browser's clock. Written
    as typed, with no offset, the build reads the time the editor chose as Vietnam's."""
    event = _form(_config(), "event")
    assert event["start"]["format"] == "YYYY-MM-DD HH:mm" and event["start"]["picker_utc"] is False
    assert event["start"]["required"] and event["start"]["default"] == "{{now}}"
    news = _config()["collections"][0]
    assert news["slug"] == "{{fields.date | date('YYYY-MM-DD')}}-{{slug}}"  # local date, not Decap's UTC {{day}}


def test_a_date_field_whose_example_has_no_time_picks_a_date_alone():
    kind = Kind("decision", "quyết định", "decisions", (
        Field("title", Text(), "trích yếu", required=True),
        Field("issued", DateTime(), "ngày ban hành", example="12/11/2026"),
    ), make=lambda entry, making: None)
    form = _form(_config(kinds=DEFAULT.with_kind(kind)), "decision")
    assert _has(form["issued"], {"format": "YYYY-MM-DD", "time_format": False})


def test_the_chair_of_a_meeting_is_chosen_among_the_same_sites_staff():
    chair = _form(_config(), "event")["chair"]
    assert _has(chair, {"widget": "relation", "collection": "staff", "value_field": "{{name}} - {{position}}",
                          "search_fields": ["name", "position"]})


def test_a_kind_declared_elsewhere_gets_its_collection_without_touching_the_generator():
    @dataclass(frozen=True)
    class Recruitment:
        source: str
        slug: str

    kind = Kind("recruitment", "thông báo tuyển dụng", "tuyen-dung", (
        Field("title", Text(300), "tiêu đề thông báo", required=True),
        Field("deadline", DateTime(), "hạn nộp hồ sơ", example="15/12/2026 17:00"),
        Field("positions", MappingList(Mapping({"name": Text(), "count": Text()}, ("name",), "{name: x}",
                                               labels={"name": "Vị trí"}), "[]"), "vị trí tuyển"),
    ), record=Recruitment, make=lambda entry, making: None, body_help="nội dung")
    config = _config(kinds=DEFAULT.with_kind(kind))
    collection = next(c for c in config["collections"] if c["name"] == "recruitment")
    assert collection["folder"] == "sites/xa-an/tuyen-dung" and collection["label"] == "Thông báo tuyển dụng"
    form = _form(config, "recruitment")
    assert form["deadline"]["widget"] == "datetime"
    assert _sub_fields(form["positions"])["name"]["label"] == "Vị trí"


def test_a_type_without_a_widget_is_refused_not_guessed():
    class Colour(Text.__mro__[1]):  # a FieldType of its own, in no table
        pass

    kind = Kind("thing", "thứ", "things", (Field("colour", Colour(), "màu"),), make=lambda e, m: None)
    with pytest.raises(LookupError, match="Colour"):
        _config(kinds=DEFAULT.with_kind(kind))


# A site's configuration names only its own folder ---------------------------------

def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _paths(config: dict) -> list[str]:
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("folder", "media_folder", "proxy_url") and isinstance(item, str):
                    found.append(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(config)
    return found


def test_a_communes_configuration_names_its_own_folder_only():
    config = _config("xa-an")
    paths = _paths(config)
    assert len(paths) > 10
    for path in paths:
        assert re.fullmatch(r"/?sites/xa-an/[a-z-]+|/__sitegen/cms/xa-an", path), path
    assert not [s for s in _strings(config) if "sites/" in s and "sites/xa-an/" not in s]
    assert not [s for s in _strings(config) if "../" in s or "/.." in s]


def _portal(root_extra: dict | None = None, commune_cms: CmsConfig | None = None, folder: str = "xa-an"):
    root = SiteConfig("huyen", "Huyện", "district", base_url="https://huyen.vn/", **(root_extra or {}))
    commune = SiteConfig(folder, "Xã An", "commune", parent="huyen", cms=commune_cms)
    portal, problems = build_portal([SiteContent("huyen", "sites/huyen", root),
                                     SiteContent(folder, f"sites/{folder}", commune)], NOW)
    return portal, problems


FORGE = CmsConfig("gitea", "ubnd-huyen/cong-thong-tin", "app-1", branch="bien-tap/{site}",
                  base_url="https://git.huyen.vn")


def test_the_root_names_the_forge_and_each_site_its_own_branch_or_repository():
    forge = CmsConfig("forgejo", "xa/{site}", "app-1", base_url="https://git.huyen.vn/",
                      sites=(CmsRepository("huyen", repo="ubnd-huyen/cong-thong-tin"),))
    portal, problems = _portal({"cms": forge})
    assert problems == []
    commune, root = portal.site("xa-an").cms, portal.site("huyen").cms
    assert (commune.backend, commune.repo, commune.branch) == ("forgejo", "xa/xa-an", "main")
    assert commune.api_root == "https://git.huyen.vn/api/v1" and commune.base_url == "https://git.huyen.vn"
    assert root.repo == "ubnd-huyen/cong-thong-tin"
    backend = site_config(commune, "https://huyen.vn/xa-an/", DEFAULT)["backend"]
    assert backend == {"name": "forgejo", "repo": "xa/xa-an", "branch": "main", "base_url": "https://git.huyen.vn",
                       "api_root": "https://git.huyen.vn/api/v1", "app_id": "app-1"}
    shared, _ = _portal({"cms": FORGE})
    assert shared.site("xa-an").cms.branch == "bien-tap/xa-an" and shared.site("huyen").cms.branch == "bien-tap/huyen"


def test_a_commune_cannot_send_the_admin_pages_elsewhere():
    """Only the root's cms: block counts: a commune's own is reported and ignored."""
    own = CmsConfig("gitlab", "ke-gian/kho", "app-x", base_url="https://ke-gian.example")
    portal, problems = _portal({"cms": FORGE}, commune_cms=own)
    assert [p.code for p in problems] == ["cms-not-root"]
    assert portal.site("xa-an").cms.repo == "ubnd-huyen/cong-thong-tin"
    config = site_config(portal.site("xa-an").cms, "https://huyen.vn/xa-an/", DEFAULT)
    assert "ke-gian" not in str(config)
    assert all(p.startswith(("sites/xa-an/", "/sites/xa-an/")) for p in _paths(config))


@pytest.mark.parametrize("folder", ["Xa An", "xa_an", "xa--an", "-xa", "xa-an-"])
def test_a_folder_name_that_is_not_a_slug_gets_no_admin_page(folder):
    portal, _problems = _portal(folder=folder)
    assert portal.site(folder).cms is None


def test_cms_sites_naming_an_unknown_folder_is_reported():
    forge = CmsConfig("gitea", "r", "a", sites=(CmsRepository("xa-ann", repo="x"),))
    _built, problems = _portal({"cms": forge})
    assert [p.code for p in problems] == ["unknown-cms-site"]


def test_serve_edit_points_the_configuration_at_the_local_back_end():
    config = site_config(CmsTarget("xa-an", "gitea", "r", "main", "https://git.vn", "https://git.vn/api/v1", "a"),
                         "https://huyen.vn/xa-an/", DEFAULT)
    local = with_local_backend(config, "http://127.0.0.1:8000/xa-an/")
    assert local["backend"] == {"name": "proxy", "proxy_url": "/__sitegen/cms/xa-an", "branch": "main"}
    assert local["site_url"] == "http://127.0.0.1:8000/xa-an/" and local["collections"] == config["collections"]
    with pytest.raises(ValueError):
        with_local_backend({**config, "media_folder": "sites/../huyen/images"}, "http://127.0.0.1:8000/")
