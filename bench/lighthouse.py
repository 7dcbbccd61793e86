#!/usr/bin/env python3
"""Lighthouse scores of the sample portal, one page of each kind.

Builds the sample portal (sites/) as the tests do, serves it on 127.0.0.1,
and runs Lighthouse (tests/browser/node_modules, installed by .ci/run with
`npm ci --prefix tests/browser`) on every page of the browser audits' list
(home, lists, article, category, tag, staff, profile, week, event,
catalogue, procedure, fixed page, search once it exists, 404; on the root
and on the commune an-binh) with Lighthouse's default mobile profile:
a phone screen, simulated slow 4G and a 4x slower CPU.

Prints a table of the four category scores per page and exits 1 when any
score is under --min (95), 2 when a tool is missing or Lighthouse fails.
Performance is measured on this machine's CPU (slowed 4x by Lighthouse), so
it varies with the load: a page with a score under --min is run again, up to
--runs times in all, and scored by the median, as Lighthouse's own
documentation advises for variable scores.

    python bench/lighthouse.py                 # all pages
    python bench/lighthouse.py --only home     # pages whose label contains 'home'
    python bench/lighthouse.py --markdown      # the table as Markdown (README)
    python bench/lighthouse.py --json scores.json

Chromium is /usr/bin/chromium (or CHROME_PATH), started headless with a
fresh profile for every page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import sample_portal as portal  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}


def run_lighthouse(url: str, chrome: str, profile: Path) -> dict:
    flags = " ".join(portal.CHROME_FLAGS) + f" --user-data-dir={profile}"
    command = ["node", str(portal.lighthouse_cli()), url,
               "--output=json", "--output-path=stdout", "--quiet",
               "--only-categories=" + ",".join(CATEGORIES),
               f"--chrome-flags={flags}"]
    env = dict(os.environ, CHROME_PATH=chrome)
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=300)
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"lighthouse failed on {url} ({result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def summarise(report: dict) -> dict:
    """The four scores (0-100) and the audits that lost points, per category."""
    scores, failing = {}, {}
    audits = report["audits"]
    for name in CATEGORIES:
        category = report["categories"][name]
        scores[name] = round(category["score"] * 100) if category["score"] is not None else None
        lost = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{ref['id']} ({audit['score']:.2f})")
        failing[name] = lost
    metrics = audits.get("metrics", {}).get("details", {}).get("items", [{}])[0]
    return {"scores": scores, "failing": failing,
            "fcp_ms": metrics.get("firstContentfulPaint"),
            "lcp_ms": metrics.get("largestContentfulPaint"),
            "cls": audits.get("cumulative-layout-shift", {}).get("numericValue"),
            "bytes": audits.get("total-byte-weight", {}).get("numericValue"),
            "https_note": _https_note(audits),
            "lighthouse": report.get("lighthouseVersion")}


def median(runs: list[dict]) -> dict:
    """One summary: the run whose performance is the median (the other categories
    hardly vary), each category at its median over the runs."""
    if len(runs) == 1:
        return dict(runs[0], runs=1)
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"] or 0)
    chosen = dict(ordered[len(ordered) // 2], runs=len(runs))
    chosen["scores"] = {name: statistics.median_low([r["scores"][name] or 0 for r in runs])
                        for name in CATEGORIES}
    return chosen


def _https_note(audits: dict) -> str:
    https = audits.get("is-on-https")
    if https and https.get("score") is not None and https["score"] < 1:
        return "is-on-https failed"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="an already built sample portal (default: build one)")
    parser.add_argument("--only", action="append", default=[],
                        help="only pages whose label contains this (repeatable)")
    parser.add_argument("--min", type=int, default=95, help="lowest score accepted (default 95)")
    parser.add_argument("--runs", type=int, default=3,
                        help="a page with a score under --min is run again, up to this many runs "
                             "in all, and scored by the median (default 3; 1: no second run)")
    parser.add_argument("--json", type=Path, help="write every page's summary here")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)

    chrome = portal.chromium()
    missing = [name for name, ok in (("chromium", chrome), ("node_modules/lighthouse", portal.lighthouse_cli()))
               if not ok]
    if missing:
        print(f"missing: {', '.join(missing)} (run .ci/run, or `npm ci --prefix tests/browser`)",
              file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="sitegen-lighthouse-") as temp:
        temp_path = Path(temp)
        out = args.out
        if out is None:
            out = temp_path / "public"
            portal.build(out)
        pages = [(label, path) for label, path in portal.audit_pages(out)
                 if not args.only or any(word in label for word in args.only)]
        results: dict[str, dict] = {}
        started = time.monotonic()
        with portal.serve(out) as base:
            for number, (label, path) in enumerate(pages):
                profile = temp_path / f"profile-{number}"
                runs = []
                try:
                    while True:
                        runs.append(summarise(run_lighthouse(base + path, chrome, profile / str(len(runs)))))
                        low = any(score is None or score < args.min for score in runs[0]["scores"].values())
                        if not low or len(runs) >= args.runs:
                            break
                except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
                    print(error, file=sys.stderr)
                    return 2
                summary = median(runs)
                summary["path"] = "/" + path
                results[label] = summary
                print(f"  {label:26} " + "  ".join(f"{SHORT[c]} {summary['scores'][c]}" for c in CATEGORIES)
                      + (f"  (median of {len(runs)} runs)" if len(runs) > 1 else ""),
                      file=sys.stderr, flush=True)
        seconds = time.monotonic() - started

    print_table(results, args.markdown)
    version = next(iter(results.values()))["lighthouse"] if results else "?"
    print(f"\nLighthouse {version}, mobile profile, {len(results)} pages in {seconds:.0f} s.")
    notes = sorted({r["https_note"] for r in results.values() if r["https_note"]})
    if notes:
        print("Served over http://127.0.0.1: " + "; ".join(notes))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")

    low = [(label, name, score) for label, r in results.items()
           for name, score in r["scores"].items() if score is None or score < args.min]
    for label, name, score in low:
        print(f"UNDER {args.min}: {label} {name} {score}: {', '.join(results[label]['failing'][name])}")
    return 1 if low else 0


def print_table(results: dict[str, dict], markdown: bool) -> None:
    rows = [(label, r["path"], *(str(r["scores"][c]) for c in CATEGORIES), str(r["runs"]))
            for label, r in results.items()]
    if markdown:
        print("| page | path | performance | accessibility | best practices | SEO | runs |")
        print("|---|---|--:|--:|--:|--:|--:|")
        for label, path, *numbers in rows:
            shown = path if len(path) <= 40 else path[:39] + "…"
            print(f"| {label} | `{shown}` | " + " | ".join(numbers) + " |")
        return
    width = max([len("page"), *(len(row[0]) for row in rows)])
    print(f"{'page':{width}}  {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'runs':>4}  path")
    for label, path, *numbers in rows:
        print(f"{label:{width}}  " + " ".join(f"{n:>4}" for n in numbers) + f"  {path}")


if __name__ == "__main__":
    sys.exit(main())
