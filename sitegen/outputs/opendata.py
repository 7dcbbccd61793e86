"""Open data: every site's information as structured data other state systems harvest.

Circular 22/2023/TT-BTTTT asks a portal to hold its information as structured
data and share it as web services, so the province's and the national data
portals can collect it. Every site publishes, under du-lieu/:

    index.json              a DCAT catalogue (JSON-LD): one dataset per kind of content
    <dataset>.json          the dataset's records, with the editors' keys of CONTENT.md
    <dataset>.schema.json   the JSON Schema those records conform to (made from the kinds)
    <dataset>.csv           for a spreadsheet user: the documents register, the procedures
    danh-muc.schema.json    the JSON Schema of index.json itself

The root's catalogue also lists its sub-sites' catalogues and datasets. Dates
are ISO 8601 with Vietnam's offset, pictures and files absolute URLs; who
asked a question is never published. Each file is an output like any other,
planned with its data (so fingerprinted: incremental like the pages).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any, Iterator

from ..content import paths
from ..content.kind import Kind, Registry
from ..content.nested import Mapping, MappingList
from ..content.types import AssetPath, Boolean, Choice, DateTime, Email, Integer, TextList, Url
from ..vietnamese import slugify

FOLDER = "du-lieu/"
CATALOGUE = FOLDER + "index.json"
CATALOGUE_SCHEMA = FOLDER + "danh-muc.schema.json"
PRIVATE = {"question": ("asked_by",)}  # who asked: never in open data (the page shows it only as agreed)
CSV = ("document", "procedure")  # the datasets a spreadsheet user wants
DISCLOSURE = "disclosure"  # the documents the law says to disclose (công khai): a dataset of its own
CONTEXT = {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
           "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#"}


@dataclasses.dataclass(frozen=True)
class Dataset:
    name: str  # the file name's stem ('tin-bai')
    kind: Kind
    title: str
    disclosure: bool = False


def datasets(kinds: Registry) -> tuple[Dataset, ...]:
    """The datasets every site publishes (the same names on every site, even when empty)."""
    found = []
    for kind in kinds:
        if kind.folder and kind.publishing is not None:
            found.append(Dataset(slugify(kind.label), kind, kind.label[:1].upper() + kind.label[1:]))
            if kind.name == "document":
                found.append(Dataset("cong-khai", kind, "Công khai thông tin (ngân sách, đầu tư, quy hoạch ...)",
                                     disclosure=True))
    return tuple(found)


def plan(site, kinds: Registry, chrome) -> Iterator[tuple[str, str, Any]]:
    """(path under the site, writer 'json' or 'csv', data) of every open-data file of a site."""
    base = site.ref.url + FOLDER
    described = []
    for dataset in datasets(kinds):
        rows = [record_row(site, dataset.kind, record) for record in _records(site, dataset)]
        schema = dataset_schema(dataset, base)
        yield FOLDER + dataset.name + ".json", "json", rows
        yield FOLDER + dataset.name + ".schema.json", "json", schema
        if dataset.kind.name in CSV and not dataset.disclosure:
            yield FOLDER + dataset.name + ".csv", "csv", (_columns(dataset), rows)
        described.append(_dataset_entry(dataset, base, rows))
    yield CATALOGUE, "json", catalogue(site, described, kinds)
    yield CATALOGUE_SCHEMA, "json", CATALOGUE_SHAPE


def _records(site, dataset: Dataset) -> tuple:
    records = site.own(dataset.kind.name)
    if dataset.kind.name == "document":
        records = tuple(r for r in records if bool(getattr(r, "disclosure", False)) == dataset.disclosure)
    return records


# Rows --------------------------------------------------------------------------

def record_row(site, kind: Kind, record) -> dict:
    """One record in the editors' keys, with its page's address."""
    row: dict[str, Any] = {}
    try:
        row["url"] = site.ref.url + kind.item_path(record)
    except (AttributeError, TypeError):
        pass
    private = PRIVATE.get(kind.name, ())
    for field in kind.fields:
        if field.name in private or field.name in ("draft", "aliases"):
            continue
        value = _attribute(record, field.name)
        if value is not None and value != () and value != "":
            row[field.name] = _plain(value, site.ref.url, field.type)
    return row


def _attribute(record, name: str):
    if name == "category":
        return None  # written as 'categories' (a list), which holds it
    return getattr(record, name, None)


def _plain(value: Any, site_url: str, declared=None) -> Any:
    """A value as JSON has it; a nested record (a document's file) in the keys its field declares."""
    if isinstance(declared, MappingList) and isinstance(value, (tuple, list)):
        return [_plain(v, site_url, declared.item) for v in value]
    if isinstance(declared, Mapping) and dataclasses.is_dataclass(value):
        found = {}
        for key, kind_type in declared.fields.items():
            item = getattr(value, key, None)
            if item is None and isinstance(kind_type, AssetPath):
                item = getattr(value, "path", None)  # a file's 'file:' is the record's path
            if item not in (None, "", ()):
                found[key] = _plain(item, site_url, kind_type)
        return found
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v, site_url) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name), site_url) for f in dataclasses.fields(value)
                if getattr(value, f.name) not in (None, "", ())}
    if isinstance(value, str) and value.startswith((paths.PICTURES, paths.FILES)):
        return site_url + value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _columns(dataset: Dataset) -> tuple[str, ...]:
    private = PRIVATE.get(dataset.kind.name, ())
    return ("url",) + tuple(f.name for f in dataset.kind.fields
                            if f.name not in private and f.name not in ("draft", "aliases", "category")
                            and not isinstance(f.type, (Mapping, MappingList)))


# Schemas -----------------------------------------------------------------------

def field_schema(kind_type) -> dict:
    if isinstance(kind_type, MappingList):
        return {"type": "array", "items": field_schema(kind_type.item)}
    if isinstance(kind_type, Mapping):
        return {"type": "object", "properties": {name: field_schema(t) for name, t in kind_type.fields.items()},
                "additionalProperties": False}
    if isinstance(kind_type, DateTime):
        return {"type": "string", "format": "date-time"}
    if isinstance(kind_type, Boolean):
        return {"type": "boolean"}
    if isinstance(kind_type, Integer):
        return {"type": "integer"}
    if isinstance(kind_type, TextList):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(kind_type, (Url, AssetPath)):
        return {"type": "string", "format": "uri"}
    if isinstance(kind_type, Email):
        return {"type": "string", "format": "email"}
    if isinstance(kind_type, Choice):
        return {"type": "string"}
    return {"type": "string"}


def dataset_schema(dataset: Dataset, base: str) -> dict:
    kind = dataset.kind
    private = PRIVATE.get(kind.name, ())
    properties = {"url": {"type": "string", "format": "uri", "description": "địa chỉ trang của mục"}}
    for field in kind.fields:
        if field.name in private or field.name in ("draft", "aliases", "category"):
            continue
        properties[field.name] = {**field_schema(field.type), "description": field.help}
    if "categories" in properties:
        properties["categories"] = {"type": "array", "items": {"type": "string"}, "description": "chuyên mục"}
    required = [f.name for f in kind.fields if f.required and f.name in properties and f.name != "category"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": base + dataset.name + ".schema.json",
            "title": dataset.title, "type": "array",
            "items": {"type": "object", "properties": properties, "required": required,
                      "additionalProperties": False}}


# The catalogue -------------------------------------------------------------------

def _dataset_entry(dataset: Dataset, base: str, rows: list[dict]) -> dict:
    dates = sorted(str(row.get(key)) for row in rows for key in ("date", "issued", "start", "answered")
                   if row.get(key))
    distributions = [{"@type": "dcat:Distribution", "dct:format": "JSON", "dcat:mediaType": "application/json",
                      "dcat:downloadURL": {"@id": base + dataset.name + ".json"},
                      "dct:conformsTo": {"@id": base + dataset.name + ".schema.json"}}]
    if dataset.kind.name in CSV and not dataset.disclosure:
        distributions.append({"@type": "dcat:Distribution", "dct:format": "CSV", "dcat:mediaType": "text/csv",
                              "dcat:downloadURL": {"@id": base + dataset.name + ".csv"}})
    entry = {"@id": base + dataset.name + ".json#dataset", "@type": "dcat:Dataset", "dct:identifier": dataset.name,
             "dct:title": dataset.title, "dct:language": "vi", "dcat:distribution": distributions,
             "dct:extent": len(rows)}
    if dates:
        entry["dct:modified"] = dates[-1]
    return entry


def catalogue(site, described: list[dict], kinds: Registry) -> dict:
    config = site.config
    found = {"@context": CONTEXT, "@id": site.ref.url + CATALOGUE, "@type": "dcat:Catalog",
             "dct:title": f"Dữ liệu mở - {config.name}", "dct:language": "vi",
             "dct:publisher": {"@type": "foaf:Organization", "foaf:name": config.owner or config.name},
             "foaf:homepage": {"@id": site.ref.url}, "dct:conformsTo": {"@id": site.ref.url + CATALOGUE_SCHEMA},
             "dcat:dataset": described}
    if config.email:
        found["dcat:contactPoint"] = {"@type": "vcard:Organization", "vcard:hasEmail": f"mailto:{config.email}"}
    children = getattr(site, "children", ())
    if children:
        found["dcat:catalog"] = [{"@id": child.url + CATALOGUE, "@type": "dcat:Catalog", "dct:title": child.name,
                                  "dcat:dataset": [{"@id": child.url + FOLDER + d.name + ".json#dataset",
                                                    "dct:identifier": d.name, "dct:title": d.title,
                                                    "dcat:distribution": [{"dcat:downloadURL": {
                                                        "@id": child.url + FOLDER + d.name + ".json"}}]}
                                                   for d in datasets(kinds)]}
                                 for child in children]
    return found


_LINK = {"type": "object", "required": ["@id"], "properties": {"@id": {"type": "string", "format": "uri"}}}
CATALOGUE_SHAPE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Danh mục dữ liệu mở (DCAT)",
    "type": "object", "required": ["@context", "@id", "@type", "dct:title", "dcat:dataset"],
    "properties": {
        "@type": {"const": "dcat:Catalog"}, "@id": {"type": "string", "format": "uri"},
        "dct:title": {"type": "string"}, "foaf:homepage": _LINK, "dct:conformsTo": _LINK,
        "dcat:dataset": {"type": "array", "items": {
            "type": "object", "required": ["@id", "@type", "dct:identifier", "dct:title", "dcat:distribution"],
            "properties": {"@type": {"const": "dcat:Dataset"}, "dct:extent": {"type": "integer", "minimum": 0},
                           "dcat:distribution": {"type": "array", "minItems": 1, "items": {
                               "type": "object", "required": ["dcat:downloadURL", "dcat:mediaType"],
                               "properties": {"dcat:downloadURL": _LINK, "dct:conformsTo": _LINK}}}}}},
        "dcat:catalog": {"type": "array", "items": {"type": "object", "required": ["@id", "dcat:dataset"]}},
    },
}
