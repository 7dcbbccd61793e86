"""Script injection: known vectors written in every text field of every kind,
in site.yaml and in file names, never reach any output unescaped.

One portal is built: the district and one commune per vector. Each commune
writes its vector in every field of its site.yaml and of a news article, a
person, an event, a procedure and a page, in Markdown bodies, in the names of
its files, and in mistakes (so the vector is in messages and the report).
Then every file the build wrote is parsed: pages, feeds, calendars, sitemaps,
JSON-LD, the search index and the report.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar
from lxml import etree

from conftest import NOW, ROOT_SITE, write_tree
from sitegen.cli import main
from sitegen.render.theme import Theme

REPO = Path(__file__).resolve().parent.parent
# The theme's script files as published (named by their content), and the admin page's CMS.
THEME_STATIC = {name.split("/")[-1] for name in Theme.load().static_files} | \
    {p.name for p in (REPO / "themes" / "default" / "admin").glob("*.js")}

TEMPLATE_MARK = "Y{{ 7*7 }}Z"  # never 'Y49Z': editor text is not a template
LOOP_MARK = "P{% for x in range(3) %}{{ x }}{% endfor %}Q"  # never 'P012Q'

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt >alert(1)</sCrIpT >",
    "<script src=//evil.example/x.js></script>",
    "<scr<script>ipt>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    '<img src=x onerror="alert(1)"//',
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<a href=javascript:alert(1)>bấm</a>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \tjavascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav\tascript:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "\"'><script>alert(1)</script>",
    "'\"><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "]]><script>alert(1)</script>",
    "--><script>alert(1)</script><!--",
    "<!--<script>alert(1)//-->",
    TEMPLATE_MARK,
    LOOP_MARK,
    "{{ config }}{{ self.__init__.__globals__ }}",
    "${7*7}#{7*7}",
    "<style>@import 'javascript:alert(1)'</style>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<details open ontoggle=alert(1)>",
    "\u2028\u2029<script>alert(1)</script>",
    "</script>\"}]}<script>alert(1)</script>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\u202e<script>alert(1)</script>",
]
# Addresses that pass as URLs, so they reach href attributes, feeds and sitemaps ...
PASSING_URLS = [
    "https://xa.example.vn/'onmouseover='alert(1)",
    "https://xa.example.vn/%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    "https://xa.example.vn/&#x27;&lt;script&gt;alert(1)",
    "/tin-tuc/'onmouseover='alert(1)'",
    "mailto:a@b.vn?body=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
]
# ... and ones that must be refused.
URLS = [
    'https://xa.example.vn/"><script>alert(1)</script>',
    "https://xa.example.vn/'onmouseover='alert(1)",
    "https://xa.example.vn/]]><script>alert(1)</script>",
    "https://xa.example.vn/?q=<svg/onload=alert(1)>",
    '/tin-tuc/"><img src=x onerror=alert(1)>',
    "mailto:a@b.vn?body=<script>alert(1)</script>",
    "tel:<script>alert(1)</script>",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]
EMAILS = ["javascript:alert(1)//@x.vn", '"><script>@x.vn', "a@b.vn?subject=<svg/onload=alert(1)>"]
# File names the file system allows ('/' is not one of them).
FILE_VECTORS = ["<svg onload=alert(1)>", "\"'><img src=x onerror=alert(1)>", "{{ 7*7 }}",
                "javascript:alert(1)", "]]>", "--><b>", "&lt;x&gt;"]


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def commune(number: int, vector: str) -> dict[str, str | bytes]:
    slug = f"xa-{number:02d}"
    url = URLS[number % len(URLS)]
    passing = PASSING_URLS[number % len(PASSING_URLS)]
    email = EMAILS[number % len(EMAILS)]
    name = FILE_VECTORS[number % len(FILE_VECTORS)]
    other = VECTORS[(number + 1) % len(VECTORS)]
    photo = (REPO / "sites" / "phu-tho" / "images" / "nguyen-thanh-manh.jpg").read_bytes()
    v = q(vector)
    base_url = f"base_url: {q(passing if passing.startswith('https') else 'https://xa.example.vn/')}\n" \
        if number % 4 == 0 else ""
    body = (f"{vector}\n\n[{vector}]({url}) [{vector}]({passing}) [{vector}](files/{name}.pdf) <{url}>\n\n"
            f"![{vector}](images/{name}.jpg \"{vector}\")\n\n![{vector}](images/{name}.jpg)\n\n## {vector}\n\n"
            f"| {vector} | b |\n|---|---|\n| c | {vector} |\n\n`{vector}`\n\n> {vector}\n\n- {vector}\n\n"
            f"<a href=\"{vector}\">{vector}</a> <img src=\"{vector}\" alt=\"{vector}\">\n\n"
            f"[ref][r]\n\n[r]: {url} \"{vector}\"\n")
    return {
        f"{slug}/site.yaml": (
            f"name: {v}\nshort_name: {v}\nkind: commune\nparent: huyen-mau\n{base_url}owner: {v}\n"
            f"responsible: {v}\nlicence: {v}\naddress: {v}\nphone: {v}\nemail: {q(email)}\n"
            f"menu:\n  - {{title: {v}, url: /tin-tuc/}}\n  - {{title: {q(other)}, url: {q(passing)}}}\n"
            f"feedback_url: {q(passing if number % 2 else url)}\n"
            f"notice:\n  text: {v}\n  from: 2026-01-01 00:00\n  until: 2027-01-01 00:00\n"),
        f"{slug}/images/{name}.jpg": photo,
        f"{slug}/files/{name}.pdf": b"%PDF-1.4\n",
        f"{slug}/news/2026-11-10-tin.md": (
            f"---\ntitle: {v}\nsummary: {v}\nauthor: {v}\n"
            + (f"category: {v}\n" if number % 2 else f"categories: [{v}, {q(other)}]\n")
            + f"tags: [{v}, {q(other)}]\nimage: {q(f'images/{name}.jpg')}\nimage_caption: {v}\n"
            f"to_parent: true\nfeatured: true\nslug: {v}\n---\n{body}"),
        f"{slug}/news/2026-11-11-tom-tat.md": f"---\ntitle: Tin không tóm tắt\n---\n{vector}\n\n{body}",
        f"{slug}/staff/nguoi.md": (
            f"---\nname: {v}\nposition: {v}\nunit: {v}\nphone: {v}\nemail: {q(email)}\n"
            f"duties: [{v}, {q(other)}]\nleader: true\nphoto: {q(f'images/{name}.jpg')}\n---\n{body}"),
        f"{slug}/schedule/su-kien.md": (
            f"---\ntitle: {v}\nstart: 2026-11-18 08:00\nend: 2026-11-18 10:00\nlocation: {v}\n"
            f"chair: {v}\nparticipants: [{v}, {q(other)}]\nkind: meeting\n"
            f"invitation: {q(f'files/{name}.pdf')}\n---\n{body}"),
        f"{slug}/schedule/tuan.yaml": (
            f"events:\n  - title: {v}\n    start: 2026-11-19\n    location: {v}\n    chair: {v}\n"
            f"    participants: [{v}]\n    cancelled: true\n"),
        f"{slug}/procedures/thu-tuc.md": (
            f"---\ncode: 2.{number:06d}\ntitle: {v}\nfield: {v}\nlevel: commune\nonline: full\n"
            f"processing_time: {v}\nfee: {v}\nagency: {v}\napplicants: {v}\nresult: {v}\n"
            f"forms: [{{title: {v}, file: {q(f'files/{name}.pdf')}}}, {{title: {q(other)}}}]\n"
            f"legal_basis: [{v}, {q(other)}]\nonline_url: {q(url if number % 2 else passing)}\n---\n{body}"),
        f"{slug}/pages/{name}.md": f"---\ntitle: {v}\nmenu: 1\n---\n{body}",
        f"{slug}/pages/gioi-thieu.md": f"---\ntitle: {v}\ntopic: introduction\n---\n{body}",
        # Mistakes, so that the vector is in messages, the report and its JSON.
        f"{slug}/news/{name}.md": f"{vector}\n",
        f"{slug}/news/loi.md": f"---\ntitle: {v}\ndate: {v}\n{v}: {v}\n---\n{body}",
        f"{slug}/staff/{name}.txt": vector,
    }


def injection_portal() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "huyen-mau/site.yaml": ROOT_SITE + "menu:\n  - {title: Tin, url: /tin-tuc/}\n",
        # A parent's procedure flows down to every commune.
        "huyen-mau/procedures/chung.md": (
            f"---\ncode: 1.000001\ntitle: {q(VECTORS[0])}\nfield: {q(VECTORS[1])}\nlevel: commune\n"
            f"fee: {q(VECTORS[2])}\nforms: [{{title: {q(VECTORS[3])}}}]\n---\n{VECTORS[4]}\n"),
    }
    for number, vector in enumerate(VECTORS, 1):
        files.update(commune(number, vector))
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(the folder holding everything, out, report, files before, files after, stderr)."""
    base = tmp_path_factory.mktemp("injection")
    (base / "neighbour.txt").write_text("không được đụng tới")
    sites = write_tree(base / "sites", injection_portal())
    before = _listing(base)
    stderr = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        code = main(["build", "--sites", str(sites), "--out", str(base / "out"), "--now", NOW,
                     "--report", str(base / "report")])
    assert code == 1, stderr.getvalue()[-3000:]  # the mistakes written on purpose
    return base, base / "out", base / "report", before, _listing(base), stderr.getvalue()


def _listing(base: Path) -> set[str]:
    """Every path under base but the output, its hidden siblings, the sites and the report."""
    found = set()
    for path in base.rglob("*"):
        top = path.relative_to(base).parts[0]
        if top in ("out", "sites", "report") or top.startswith(".out"):
            continue
        found.add(path.relative_to(base).as_posix())
    return found


# Looking at outputs ----------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                  "cite", "codebase", "manifest", "ping"}
UNSAFE_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|avif);")


def _scheme_of(value: str) -> str:
    """The URL as a browser reads its scheme (WHATWG URL): leading and trailing
    control characters and spaces stripped, tabs and newlines removed anywhere,
    lowercase. ('jav    ascript:' is a relative path to a browser.)"""
    return re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r"
                                            "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                            "\x1c\x1d\x1e\x1f ")).lower()


def unsafe_url(value: str, tag: str = "a") -> bool:
    squeezed = _scheme_of(value)
    if tag == "img" and SAFE_DATA.match(squeezed):
        return False
    return squeezed.startswith(UNSAFE_SCHEMES)


class _Scanner(HTMLParser):
    """Every element and attribute that could run script or load a page."""

    def __init__(self, allow_style: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.allow_style = allow_style
        self._script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            src = attributes.get("src") or ""
            if kind == "application/ld+json" and not src:
                self._script = ("json", [])
            elif src and not unsafe_url(src) and "//" not in src and src.split("/")[-1] in THEME_STATIC:
                self._script = ("theme", [])  # the theme's own script file
            else:
                self.found.append(f"<script {attrs}>")
                self._script = ("bad", [])
        if tag in UNSAFE_ELEMENTS:
            self.found.append(f"<{tag}>")
        if tag == "style" and not self.allow_style:
            self.found.append("<style>")
        # A content security policy only ever forbids (the admin page has one).
        if tag == "meta" and attributes.get("http-equiv") and \
                attributes["http-equiv"].lower() != "content-security-policy":
            self.found.append(f"<meta http-equiv={attributes['http-equiv']}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value}")
            if name == "srcdoc":
                self.found.append(f"{tag} srcdoc")
            if name in URL_ATTRIBUTES and unsafe_url(value, tag):
                self.found.append(f"{tag} {name}={value}")
            if name == "srcset" and any(unsafe_url(c.strip().split(" ")[0], tag) for c in value.split(",")):
                self.found.append(f"{tag} srcset={value}")
            if name == "style" and re.search(r"javascript:|expression\(|url\(|@import", value, re.I):
                self.found.append(f"{tag} style={value}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        kind, parts = self._script
        text = "".join(parts)
        self._script = None
        if kind == "json":
            if "</" in text or "<!--" in text:
                self.found.append("'</' or '<!--' inside JSON-LD")
            try:
                json.loads(text)
            except ValueError as error:
                self.found.append(f"JSON-LD is not JSON: {error}")
        elif kind == "theme" and text.strip():
            self.found.append("inline text in the theme's <script src>")


def unsafe_markup(html: str, allow_style: bool = False) -> list[str]:
    scanner = _Scanner(allow_style)
    scanner.feed(html)
    scanner.close()
    return scanner.found


RSS_HTML = ("description", "{http://purl.org/rss/1.0/modules/content/}encoded")  # of each item
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_html(tree: etree._ElementTree) -> list[str]:
    """The HTML inside a feed: RSS descriptions and content, Atom html/xhtml texts."""
    found = []
    for item in tree.iter("item"):
        found += [element.text or "" for name in RSS_HTML for element in item.iter(name)]
    for element in tree.iter(f"{ATOM}content", f"{ATOM}summary", f"{ATOM}title", f"{ATOM}subtitle"):
        kind = element.get("type", "text")
        if kind == "html":
            found.append(element.text or "")
        elif kind == "xhtml":
            found.append(etree.tostring(element, encoding="unicode"))
    return found


def pagefind_fragments(folder: Path):
    for path in folder.rglob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        yield path, json.loads(data[len(b"pagefind_dcd"):])


# The tests -------------------------------------------------------------------

def test_the_portal_was_built_with_every_commune(built):
    _base, out, _report, _before, _after, stderr = built
    assert "Traceback" not in stderr
    for number in range(1, len(VECTORS) + 1):
        site = out / f"xa-{number:02d}"
        assert (site / "index.html").is_file(), number
        assert (site / "lich-cong-tac" / "lich.ics").is_file()
        assert len(list((site / "tin-tuc").glob("*/index.html"))) >= 2, number


def test_no_page_carries_script(built):
    _base, out, report, *_rest = built
    problems = {}
    pages = sorted(out.rglob("*.html")) + sorted(report.rglob("*.html"))
    assert len(pages) > 500
    for page in pages:
        # The report is one self-contained page with its own <style>.
        found = unsafe_markup(page.read_text(encoding="utf-8"), allow_style=page.is_relative_to(report))
        if found:
            problems[str(page)] = found[:5]
    assert problems == {}


def test_vectors_are_shown_as_text(built):
    """Escaped, not dropped: a citizen sees what the editor wrote."""
    _base, out, *_rest = built
    shown = "&lt;script&gt;alert(1)&lt;/script&gt;"  # xa-01's vector
    for section in ("can-bo", "tin-tuc", "thu-tuc", "lich-cong-tac/su-kien"):
        pages = list((out / "xa-01" / section).glob("*/index.html"))
        assert pages and all(shown in p.read_text(encoding="utf-8") for p in pages), section
    assert shown in (out / "xa-01" / "index.html").read_text(encoding="utf-8")
    # A summary made from the first paragraph keeps entities as the characters they are.
    number = VECTORS.index("&lt;script&gt;alert(1)&lt;/script&gt;") + 1
    article = (out / f"xa-{number:02d}" / "tin-tuc" / "tin-khong-tom-tat" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="&lt;script&gt;alert(1)&lt;/script&gt;' in article


def test_feeds_are_xml_and_their_html_is_safe(built):
    _base, out, *_rest = built
    feeds = [p for p in out.rglob("*.xml") if p.name != "sitemap.xml"]
    assert len(feeds) > 100
    for path in feeds:
        tree = etree.parse(str(path))  # raises on broken XML (']]>', control characters)
        for html in feed_html(tree):
            assert unsafe_markup(html) == [], (path, html[:300])
        for link in tree.iter("link", f"{ATOM}link"):
            url = link.get("href") or link.text or ""
            assert url.startswith(("http://", "https://")), (path, url)


def test_sitemaps_and_robots_hold_only_urls(built):
    _base, out, *_rest = built
    for path in out.rglob("sitemap.xml"):
        tree = etree.parse(str(path))
        for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            assert loc.text.startswith(("http://", "https://")) and "<" not in loc.text, (path, loc.text)
    for path in out.rglob("robots.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert line in ("User-agent: *", "Allow: /", "") or line.startswith(
                ("Sitemap: https://", "Sitemap: http://", "Disallow: /")), (path, line)
            assert "<" not in line and "\r" not in line


def test_calendars_parse_and_hold_text(built):
    _base, out, *_rest = built
    calendars = list(out.rglob("*.ics"))
    assert len(calendars) == 2 * (len(VECTORS) + 1)  # each site's schedule and citizen-reception calendars
    for path in calendars:
        calendar = Calendar.from_ical(path.read_bytes())
        for event in calendar.walk("VEVENT"):
            for name in ("SUMMARY", "LOCATION", "DESCRIPTION"):
                if name in event:
                    assert isinstance(str(event[name]), str)
            assert str(event["URL"]).startswith(("http://", "https://")), (path, event["URL"])
        # Unfolded, every line is a property: no value could start a line of its own.
        lines = path.read_bytes().replace(b"\r\n ", b"").replace(b"\r\n\t", b"").split(b"\r\n")
        assert lines[-1] == b""
        for line in lines[:-1]:
            assert re.match(rb"^[A-Z][A-Z0-9-]*[;:]", line), (path, line)
        assert len(calendar.walk("VEVENT")) == lines.count(b"BEGIN:VEVENT")


def test_json_files_and_the_search_index(built):
    _base, out, report, *_rest = built
    for path in list(out.rglob("*.json")) + list(report.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
    fragments = 0
    if (out / "pagefind").exists():
        # search.js puts Pagefind's excerpt into innerHTML. The index holds the
        # pages' text as it is ('<script>' included); Pagefind's own script
        # escapes '<' and '>' before it makes the excerpt. Check that it still does.
        assert 'raw_content=fragment.content.replace(/</g,"&lt;").replace(/>/g,"&gt;")' in \
            (out / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    for path, fragment in pagefind_fragments(out):
        fragments += 1
        excerpt = fragment.get("content", "").replace("<", "&lt;").replace(">", "&gt;")
        assert unsafe_markup(excerpt) == [], (path, excerpt[:300])
        assert not unsafe_url(fragment.get("url", "")), (path, fragment["url"])
        for value in fragment.get("meta", {}).values():
            assert isinstance(value, str)
    if (out / "pagefind").exists():
        assert fragments > 100


def test_templates_never_evaluate_editor_text(built):
    _base, out, report, *_rest = built
    seen_literal = False
    for folder in (out, report):
        for path in folder.rglob("*"):
            if not path.is_file() or path.suffix in (".jpg", ".webp", ".png", ".pdf", ".pf_fragment",
                                                     ".pf_index", ".pf_meta", ".wasm", ".pagefind"):
                continue
            text = path.read_bytes().decode("utf-8", "replace")
            assert "Y49Z" not in text and "P012Q" not in text, path
            seen_literal = seen_literal or "Y{{ 7*7 }}Z" in text or "Y&#123;&#123; 7*7 &#125;&#125;Z" in text
    assert seen_literal, "the template vector should show as written"


def test_nothing_is_written_outside_the_output(built):
    base, out, report, before, after, _stderr = built
    assert after == before
    assert (base / "neighbour.txt").read_text() == "không được đụng tới"
    assert out.is_dir() and report.is_dir()


def test_problems_name_files_and_escape_them(built):
    _base, _out, report, _before, _after, stderr = built
    lines = stderr.splitlines()
    assert any("/news/<svg onload=alert(1)>.md:1: lỗi:" in line for line in lines), stderr[:2000]
    if re.match(r"^\.\.\. và \d+ vấn đề khác: báo cáo .+ liệt kê tất cả\.$", lines[-1]):
        lines = lines[:-1]  # the build prints the first hundred and counts the rest
    for line in lines:
        assert re.match(r"^[^\n]+?(:\d+(:\d+)?)?: (lỗi|cảnh báo|thông tin): .+", line) or line.startswith("    "), line
    html = (report / "index.html").read_text(encoding="utf-8")
    assert "&lt;svg onload=alert(1)&gt;.md" in html or "<svg onload" not in html


def test_the_rss_channel_description_is_escaped_too(built):
    _base, out, *_rest = built
    for path in out.rglob("rss.xml"):
        channel = etree.parse(str(path)).find("channel")
        assert unsafe_markup(channel.findtext("description") or "") == [], path


def test_a_site_address_is_escaped_where_it_is_put_into_body_html():
    from sitegen.content.records import Body
    from sitegen.content.source import SITE_ROOT_MARK
    from sitegen.portal.model import SiteRef
    from sitegen.render.links import Linker

    url = 'https://xa.example.vn/"><script>alert(1)</script>/'
    ref = SiteRef("xa", "Xã", "Xã", "commune", "xa/", url, True)
    body = Body(html=f'<p><a href="{SITE_ROOT_MARK}files/a.pdf">tệp</a></p>')
    assert unsafe_markup(Linker(ref, "", mode="absolute").absolute_body(body, ref)) == []
