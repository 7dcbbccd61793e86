"""Open data (Circular 22/2023): every site's DCAT catalogue, each dataset's JSON
valid against its published JSON Schema, the CSVs, nothing private, the
root listing its communes' catalogues, and incremental like every output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from sitegen.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ROOT_URL = "https://phutho.gov.vn/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("open-data") / "out"
    assert main(["build", "--sites", str(REPO / "sites"), "--out", str(out), "--no-report"]) == 0
    return out


def local(out: Path, url: str) -> Path:
    """The output file a URL of the sample portal names (the root's host, or a commune's own)."""
    catalogues = {json.loads(p.read_text(encoding="utf-8"))["foaf:homepage"]["@id"]: p.parent.parent
                  for p in out.rglob("du-lieu/index.json")}
    home = max((h for h in catalogues if url.startswith(h)), key=len)
    return catalogues[home] / url[len(home):]


def catalogues(out: Path) -> list[Path]:
    return sorted(out.rglob("du-lieu/index.json"))


def validator(out: Path, schema_url: str):
    schema = json.loads(local(out, schema_url).read_text(encoding="utf-8"))
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)
    return kind(schema, format_checker=kind.FORMAT_CHECKER)


def test_every_site_publishes_a_valid_catalogue_and_every_dataset_fits_its_schema(built):
    found = catalogues(built)
    assert len(found) == 5  # the root and its four communes
    checked = 0
    for path in found:
        catalogue = json.loads(path.read_text(encoding="utf-8"))
        validator(built, catalogue["dct:conformsTo"]["@id"]).validate(catalogue)
        names = {d["dct:identifier"] for d in catalogue["dcat:dataset"]}
        assert {"tin-bai", "van-ban", "thu-tuc-hanh-chinh", "can-bo-cong-chuc", "lich-cong-tac-lich-hop",
                "cau-hoi-cua-nguoi-dan", "cong-khai"} <= names
        for dataset in catalogue["dcat:dataset"]:
            json_part = next(d for d in dataset["dcat:distribution"] if d["dcat:mediaType"] == "application/json")
            rows = json.loads(local(built, json_part["dcat:downloadURL"]["@id"]).read_text(encoding="utf-8"))
            validator(built, json_part["dct:conformsTo"]["@id"]).validate(rows)
            assert dataset["dct:extent"] == len(rows)
            checked += len(rows)
    assert checked > 50


def test_dates_carry_vietnams_offset_and_files_are_absolute(built):
    news = json.loads((built / "du-lieu/tin-bai.json").read_text(encoding="utf-8"))
    assert news and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", row["date"]) for row in news)
    assert all(row["url"].startswith(ROOT_URL + "tin-tuc/") for row in news)
    pictures = [row["image"] for row in news if "image" in row]
    assert pictures and all(p.startswith(ROOT_URL + "images/") for p in pictures)
    documents = json.loads((built / "du-lieu/van-ban.json").read_text(encoding="utf-8"))
    files = [f["file"] for row in documents for f in row.get("files", [])]
    assert files and all(f.startswith(ROOT_URL + "files/") for f in files)


def test_who_asked_a_question_is_never_published(built):
    for path in built.rglob("du-lieu/*"):
        if path.suffix in (".json", ".csv"):
            text = path.read_text(encoding="utf-8-sig")
            assert "asked_by" not in text, path  # not in the records, nor in the schemas
    questions = json.loads((built / "an-binh/du-lieu/cau-hoi-cua-nguoi-dan.json").read_text(encoding="utf-8"))
    assert questions and all("asked_by" not in row for row in questions)
    raw = (REPO / "sites/an-binh/questions").glob("*.md")
    askers = [re.search(r"^asked_by: *(.+)$", p.read_text(encoding="utf-8"), re.M) for p in raw]
    for found in filter(None, askers):
        name = found.group(1).strip().strip("'\"")
        assert name not in (built / "an-binh/du-lieu/cau-hoi-cua-nguoi-dan.json").read_text(encoding="utf-8")


def test_the_root_lists_its_communes_catalogues_and_datasets(built):
    catalogue = json.loads((built / "du-lieu/index.json").read_text(encoding="utf-8"))
    children = catalogue["dcat:catalog"]
    assert len(children) == 4
    for child in children:
        assert local(built, child["@id"]).is_file()
        for dataset in child["dcat:dataset"]:
            assert local(built, dataset["dcat:distribution"][0]["dcat:downloadURL"]["@id"]).is_file()


def test_the_register_and_the_procedures_open_in_a_spreadsheet(built):
    raw = (built / "du-lieu/thu-tuc-hanh-chinh.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # a spreadsheet reads the Vietnamese as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    procedures = json.loads((built / "du-lieu/thu-tuc-hanh-chinh.json").read_text(encoding="utf-8"))
    assert [r["code"] for r in rows] == [p["code"] for p in procedures]
    assert {"url", "code", "title", "field"} <= set(rows[0])
    register = list(csv.DictReader(io.StringIO((built / "du-lieu/van-ban.csv").read_text(encoding="utf-8-sig"))))
    assert register and all(r["number"] and r["issued"] for r in register)


def test_open_data_is_incremental_like_every_output(built, tmp_path):
    import shutil

    sites = tmp_path / "sites"
    shutil.copytree(REPO / "sites", sites)
    out = tmp_path / "out"
    assert main(["build", "--sites", str(sites), "--out", str(out), "--no-report"]) == 0
    before = (out / "an-binh/du-lieu/tin-bai.json").read_bytes()
    article = sorted((sites / "an-binh/news").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace("title: ", "title: Đã sửa ", 1), encoding="utf-8")
    assert main(["build", "--sites", str(sites), "--out", str(out), "--no-report"]) == 0
    after = (out / "an-binh/du-lieu/tin-bai.json").read_bytes()
    assert after != before and "Đã sửa ".encode() in after
    assert (out / "du-lieu/tin-bai.json").read_bytes() == (built / "du-lieu/tin-bai.json").read_bytes()


def test_other_state_systems_pages_may_read_the_open_data_through_nginx(built, tmp_path):
    """The province's or the national data portal's page fetches a commune's catalogue
    from its own origin: nginx lets it (CORS) on du-lieu/ only, never on the pages."""
    import os
    import subprocess
    import sys

    from tests.nginx_server import NGINX, free_port, get, nginx

    if not os.access(NGINX, os.X_OK):
        pytest.skip("nginx is not installed")
    port = free_port()
    made = subprocess.run([sys.executable, str(REPO / "build.py"), "nginx", "--sites", str(REPO / "sites"),
                           "--out", str(built), "--listen", f"127.0.0.1:{port}"],
                          capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 0, made.stderr
    (tmp_path / "nginx").mkdir()
    with nginx(tmp_path / "nginx", made.stdout, port):
        for host, path in (("phutho.gov.vn", "/du-lieu/index.json"),
                           ("phutho.gov.vn", "/an-binh/du-lieu/tin-bai.json")):
            status, headers, body = get(port, host, path, Origin="https://data.gov.vn")
            assert status == 200 and headers.get("access-control-allow-origin") == "*", path
            assert json.loads(body) and headers.get("x-content-type-options") == "nosniff"
        status, headers, _body = get(port, "phutho.gov.vn", "/an-binh/", Origin="https://data.gov.vn")
        assert status == 200 and "access-control-allow-origin" not in headers
