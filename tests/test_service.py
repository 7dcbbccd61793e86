"""The publishing service over its protocol: review, roles, refusals, history,
concurrent saves, builds by itself (a real Git repository, the real service
on 127.0.0.1, requests as nginx passes them on)."""

from __future__ import annotations

import base64
import io
import threading
import time
from pathlib import Path

import pytest

from sitegen.service import ServiceSettings, start
from tests.service_helpers import Client, content_repository, git, news


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    where = tmp_path_factory.mktemp("service")
    repo = content_repository(where)
    lines: list[str] = []
    server, service = start(ServiceSettings(repo / "sites", where / "out", where / "editors.yaml",
                                            "127.0.0.1:0"), lines.append)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert service.builder.wait_idle(180), lines
    yield where, repo, Client(server.server_address[1], service.key), service
    server.shutdown()
    server.server_close()
    service.builder.stop()


def page_of(out: Path, site: str, title_slug: str) -> Path:
    return out / site / "tin-tuc" / title_slug / "index.html"


def state(repo: Path) -> tuple[str, str]:
    """Every ref and the work tree's files: what a refused request must leave as it was."""
    return git(repo, "for-each-ref"), git(repo, "status", "--porcelain")


def picture() -> dict:
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(data, "JPEG")
    return {"path": "sites/hoa-binh/images/anh-thu.jpg", "content": base64.b64encode(data.getvalue()).decode(),
            "encoding": "base64"}


def test_a_site_nobody_edited_yet_is_live_since_the_first_build(running):
    _where, _repo, client, _service = running
    status = client.get("bbt-tinh", "phu-thanh", "status")[1]
    assert status["live_at"] and status["pending"] is False and not status["failed"]


def test_an_entry_goes_through_review_then_is_live_and_git_names_both(running):
    where, repo, client, service = running
    slug = "2026-12-01-hop-dan-thon-mot"
    raw = news(slug, "Họp dân thôn Một", body="Ảnh buổi họp:\n\n![Họp dân](images/anh-thu.jpg)")
    assert client.save("bien-tap-hoabinh", "hoa-binh", slug, raw, (picture(),))[0] == 200
    assert client.status("bien-tap-hoabinh", "hoa-binh", slug, "pending_review")[0] == 200
    status, entry = client.call("duyet-hoabinh", "hoa-binh", "unpublishedEntry", {"id": f"news/{slug}"})
    assert status == 200 and entry["status"] == "pending_review" and entry["pullRequestAuthor"] == "bien-tap-hoabinh"
    assert {d["path"] for d in entry["diffs"]} == {f"sites/hoa-binh/news/{slug}.md", "sites/hoa-binh/images/anh-thu.jpg"}
    assert service.builder.wait_idle(60)
    assert not page_of(where / "out", "hoa-binh", "hop-dan-thon-mot").exists()  # under review: not published
    assert not (repo / "sites/hoa-binh/news" / f"{slug}.md").exists()  # nor in the work tree

    status, refused = client.publish("bien-tap-hoabinh", "hoa-binh", slug)
    assert status == 403 and "biên tập viên" in refused["error"]
    assert client.publish("duyet-hoabinh", "hoa-binh", slug)[0] == 200
    assert service.builder.wait_idle(60)
    page = page_of(where / "out", "hoa-binh", "hop-dan-thon-mot")
    assert page.is_file() and "Họp dân thôn Một" in page.read_text(encoding="utf-8")
    assert (where / "out/hoa-binh/images/anh-thu.jpg").is_file()
    assert client.get("duyet-hoabinh", "hoa-binh", "status")[1]["pending"] is False
    merge = git(repo, "log", "-1", "--format=%an%n%cn%n%P%n%B", "main").splitlines()
    assert merge[0] == "bien-tap-hoabinh" and merge[1] == "duyet-hoabinh" and len(merge[2].split()) == 2
    assert "Người viết: bien-tap-hoabinh" in merge  # the approver only changed the status
    assert "Người duyệt: duyet-hoabinh" in merge and any(line.startswith("Approved-by: duyet-hoabinh") for line in merge)
    assert git(repo, "status", "--porcelain") == ""  # the work tree holds the published branch
    assert client.call("duyet-hoabinh", "hoa-binh", "unpublishedEntries")[1] == []


REFUSED = [
    # (user, site, action, params, key): each must be refused and change nothing
    ("bien-tap-hoabinh", "hoa-binh", "persistEntry", {"dataFiles": [{"path": "sites/hoa-binh/site.yaml", "raw": "x",
                                                                    "slug": "site"}],
                                                      "options": {"useWorkflow": True, "collectionName": "news"}}, ""),
    ("bien-tap-hoabinh", "hoa-binh", "persistEntry", {"dataFiles": [{"path": "sites/hoa-binh/templates/base.html",
                                                                    "raw": "x", "slug": "b"}],
                                                      "options": {"useWorkflow": True, "collectionName": "news"}}, ""),
    ("bien-tap-hoabinh", "hoa-binh", "persistEntry", {"dataFiles": [{"path": "sites/hoa-binh/../an-binh/news/x.md",
                                                                    "raw": "x", "slug": "x"}],
                                                      "options": {"useWorkflow": True, "collectionName": "news"}}, ""),
    ("bien-tap-hoabinh", "hoa-binh", "persistEntry", {"dataFiles": [{"path": "sites/an-binh/news/x.md", "raw": "x",
                                                                    "slug": "x"}],
                                                      "options": {"useWorkflow": True, "collectionName": "news"}}, ""),
    ("bien-tap-hoabinh", "hoa-binh", "persistEntry", {"dataFiles": [{"path": "sites/hoa-binh/news/x.md", "raw": "x",
                                                                    "slug": "../../main"}],
                                                      "options": {"useWorkflow": True, "collectionName": "news"}}, ""),
    ("bien-tap-hoabinh", "hoa-binh", "persistEntry", {"dataFiles": [{"path": "sites/hoa-binh/news/x.md", "raw": "x",
                                                                    "slug": "x"}], "options": {}}, ""),  # no review
    ("bien-tap-hoabinh", "hoa-binh", "deleteFiles", {"paths": ["sites/hoa-binh/news/2026-08-22-phat-trien-du-lich-"
                                                               "sinh-thai-doi-bo.md"]}, ""),
    ("bien-tap-hoabinh", "hoa-binh", "persistMedia", {"asset": {"path": "sites/hoa-binh/images/a.jpg",
                                                                "content": "", "encoding": "base64"}}, ""),
    ("duyet-hoabinh", "hoa-binh", "persistMedia", {"asset": {"path": "sites/hoa-binh/files/trang.html",
                                                             "content": base64.b64encode(b"<script>x</script>")
                                                             .decode(), "encoding": "base64"}}, ""),
    ("duyet-hoabinh", "hoa-binh", "persistMedia", {"asset": {"path": "sites/hoa-binh/images/anh.jpg",
                                                             "content": base64.b64encode(b"<html>").decode(),
                                                             "encoding": "base64"}}, ""),
    ("bien-tap-hoabinh", "an-binh", "entriesByFolder", {"folder": "sites/an-binh/news"}, ""),  # another site
    ("duyet-hoabinh", "an-binh", "deleteFiles", {"paths": ["sites/an-binh/news/x.md"]}, ""),
    ("khong-co", "hoa-binh", "entriesByFolder", {"folder": "sites/hoa-binh/news"}, ""),  # not in the file
    ("duyet-hoabinh", "hoa-binh", "deleteFiles", {"paths": ["sites/hoa-binh/news/x.md"]}, None),  # no key
    ("duyet-hoabinh", "hoa-binh", "deleteFiles", {"paths": ["sites/hoa-binh/news/x.md"]}, "0" * 64),  # wrong key
    ("duyet-hoabinh", "khong-co-trang", "info", {}, ""),
    ("bbt-tinh", "hoa-binh", "mystery", {}, ""),
]


@pytest.mark.parametrize("user, site, action, params, key", REFUSED)
def test_every_refusal_is_worded_in_vietnamese_and_changes_nothing(running, user, site, action, params, key):
    _where, repo, client, _service = running
    before = state(repo)
    status, answer = client.call(user, site, action, params, key=key)
    assert status >= 400 and isinstance(answer, dict) and answer["error"]
    assert any(c in answer["error"] for c in "ăâđêôơưàáảãạ"), answer  # Vietnamese words
    assert state(repo) == before


def test_an_approver_of_one_commune_cannot_publish_another_communes_entry(running):
    _where, repo, client, _service = running
    slug = "2026-12-01-tin-an-binh"
    assert client.save("bien-tap-anbinh", "an-binh", slug, news(slug, "Tin An Bình"))[0] == 200
    before = state(repo)
    status, answer = client.publish("duyet-hoabinh", "an-binh", slug)
    assert status == 403 and "an-binh" in answer["error"]
    status, answer = client.publish("duyet-hoabinh", "hoa-binh", slug)  # its own desk holds no such entry
    assert status == 404
    assert state(repo) == before


def test_writes_from_another_sites_page_or_not_json_are_refused(running):
    _where, repo, client, _service = running
    before = state(repo)
    body = b'{"action": "deleteFiles", "params": {"paths": ["sites/hoa-binh/news/x.md"]}}'
    assert client.post("hoa-binh", body, "duyet-hoabinh", headers={"Origin": "https://evil.example"})[0] == 403
    assert client.post("hoa-binh", body, "duyet-hoabinh", headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert client.post("hoa-binh", body, "duyet-hoabinh", headers={"Content-Type": "text/plain"})[0] == 415
    assert state(repo) == before


def test_twelve_concurrent_saves_by_two_communes_are_all_kept(running):
    _where, repo, client, _service = running
    jobs = [("bien-tap-hoabinh" if n % 2 else "bien-tap-anbinh", "hoa-binh" if n % 2 else "an-binh", n)
            for n in range(12)]
    answers: dict[int, int] = {}

    def save(user, site, n):
        slug = f"2026-12-02-dong-thoi-{n}"
        answers[n] = client.save(user, site, slug, news(slug, f"Lưu đồng thời {n}"))[0]

    threads = [threading.Thread(target=save, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {n: 200 for n in range(12)}
    for user, site, n in jobs:
        raw = git(repo, "show", f"cms/{site}/news/2026-12-02-dong-thoi-{n}:sites/{site}/news/2026-12-02-dong-thoi-{n}.md")
        assert f"Lưu đồng thời {n}" in raw
        other = "an-binh" if site == "hoa-binh" else "hoa-binh"
        assert f"dong-thoi-{n}" not in git(repo, "ls-tree", "-r", "--name-only", f"cms/{site}/news/2026-12-02-dong-"
                                           f"thoi-{n}", f"sites/{other}/news")  # nobody sees another's work
    subprocess_fsck(repo)


def subprocess_fsck(repo: Path) -> None:
    import subprocess

    done = subprocess.run(["git", "-C", str(repo), "fsck", "--full", "--strict"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_broken_file_of_one_commune_does_not_stop_another(running):
    where, repo, client, service = running
    broken = "2026-12-03-loi-ngay"
    raw = "---\ntitle: Bài ngày sai\ndate: 31/02/2026\n---\nNội dung.\n"
    assert client.save("duyet-anbinh", "an-binh", broken, raw)[0] == 200
    assert client.publish("duyet-anbinh", "an-binh", broken)[0] == 200
    good = "2026-12-03-tin-tot"
    assert client.save("duyet-hoabinh", "hoa-binh", good, news(good, "Tin tốt Hòa Bình"))[0] == 200
    assert client.publish("duyet-hoabinh", "hoa-binh", good)[0] == 200
    assert service.builder.wait_idle(60)
    assert page_of(where / "out", "hoa-binh", "tin-tot-hoa-binh").is_file()
    status = client.get("duyet-anbinh", "an-binh", "status")[1]
    assert any(p.startswith(f"news/{broken}.md:3: lỗi:") for p in status["problems"]), status
    assert (where / "out/an-binh/index.html").is_file()  # the commune's site stays up
    assert not client.get("duyet-hoabinh", "hoa-binh", "status")[1]["problems"]


def test_an_approver_undoes_a_publication_from_the_history(running):
    where, repo, client, service = running
    slug = "2026-12-04-tin-se-rut"
    assert client.save("duyet-hoabinh", "hoa-binh", slug, news(slug, "Tin sẽ rút lại"))[0] == 200
    assert client.publish("duyet-hoabinh", "hoa-binh", slug)[0] == 200
    assert service.builder.wait_idle(60)
    assert page_of(where / "out", "hoa-binh", "tin-se-rut-lai").is_file()
    status, page = client.get("bien-tap-hoabinh", "hoa-binh", "history")
    assert status == 200 and "Đăng 2026-12-04-tin-se-rut" in page and "Hoàn tác</button>" not in page  # an editor
    status, page = client.get("duyet-hoabinh", "hoa-binh", "history")
    assert "duyet-hoabinh" in page and "Hoàn tác</button>" in page
    published = git(repo, "rev-parse", "main").strip()
    form = f"commit={published}".encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert client.post("hoa-binh", form, "bien-tap-hoabinh", page="/undo", headers=headers)[0] == 403
    status, _answer = client.post("hoa-binh", form, "duyet-hoabinh", page="/undo", headers=headers)
    assert status == 200  # followed the redirect to the history
    assert service.builder.wait_idle(60)
    assert not page_of(where / "out", "hoa-binh", "tin-se-rut-lai").exists()
    assert git(repo, "log", "-1", "--format=%s", "main").startswith("Hoàn tác: Đăng 2026-12-04-tin-se-rut")


def test_a_future_dated_article_goes_live_by_itself_on_time(running):
    from datetime import datetime, timedelta

    from sitegen.content.dates import LOCAL_TZ

    where, repo, client, service = running
    due = (datetime.now(LOCAL_TZ) + timedelta(minutes=1)).replace(second=0, microsecond=0)
    slug = "2026-12-05-tin-hen-gio"
    raw = news(slug, "Tin hẹn giờ", date=due.strftime("%Y-%m-%d %H:%M"))
    assert client.save("duyet-hoabinh", "hoa-binh", slug, raw)[0] == 200
    assert client.publish("duyet-hoabinh", "hoa-binh", slug)[0] == 200
    assert service.builder.wait_idle(60)
    page = page_of(where / "out", "hoa-binh", "tin-hen-gio")
    assert not page.exists()  # scheduled: not before its time
    while datetime.now(LOCAL_TZ) < due + timedelta(seconds=50) and not page.exists():
        time.sleep(0.5)
    assert page.is_file(), "not live within 50 s of its time"
    assert datetime.now(LOCAL_TZ) >= due
