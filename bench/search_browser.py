#!/usr/bin/env python3
"""What split search indexes cost a citizen: results, requests, bytes and time.

  python bench/search_browser.py ONE SHARDS [--page xa-01/tim-kiem/] [--runs 5]

ONE and SHARDS are two builds of the same portal: every site in one index
(bench/search_bench.py's "service, one"), and large sites in shards. Each
query is typed on the search page (?q=) in headless Chromium on the phone
viewport with the Lighthouse mobile profile's throttling applied through
DevTools (CPU 4x slower; 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up),
each run in a new browser context (nothing cached). For each query it
prints, per build: the results found, the requests and kilobytes the page
made (the page itself included; served uncompressed, as Python's server
does: Pagefind's index files are gzip already), and the milliseconds from
the start of navigation to the results shown (medians); and between the
two, how many of the ten first results are the same pages and how many
more results the shards found.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import sample_portal as portal  # noqa: E402

QUERIES = ("dang ky khai sinh", "chuyen doi so", "cap giay xac nhan tinh trang hon nhan", "khai sinh",
           "tiep cong dan", "ho ngheo nha o")
DONE = ("document.getElementById('search-status').textContent.length > 0 && "
        "!document.getElementById('search-status').textContent.startsWith('Đang')")
MOBILE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
                  "uploadThroughput": 750 * 1024 / 8}


def one_search(browser, url: str) -> dict:
    context = browser.new_context(viewport=portal.VIEWPORTS["phone"])
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url)
    page.wait_for_function(DONE, timeout=120_000, polling=10)
    elapsed = page.evaluate("performance.now()")
    status = page.inner_text("#search-status")
    links = page.eval_on_selector_all("#search-results a", "links => links.map(a => new URL(a.href).pathname)")
    context.close()
    count = int("".join(ch for ch in status if ch.isdigit()) or 0)
    return {"ms": elapsed, "requests": len(sizes), "kb": sum(sizes) / 1024, "count": count, "top": links[:10]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("one", type=Path)
    parser.add_argument("shards", type=Path)
    parser.add_argument("--page", action="append", help="the search page, under the output (repeatable)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", action="append")
    args = parser.parse_args()
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    print("| page | query | results one / shards | same of top 10 | requests one / shards | kB one / shards "
          "| ms one / shards |")
    print("|---|---|---|--:|---|---|---|")
    with portal.serve(args.one) as one_url, portal.serve(args.shards) as shards_url, sync_playwright() as play:
        browser = play.chromium.launch(executable_path=portal.CHROMIUM, args=portal.PLAYWRIGHT_ARGS)
        for page in args.page or ["xa-01/tim-kiem/"]:
            for query in args.query or QUERIES:
                runs = {"one": [], "shards": []}
                for _ in range(args.runs):
                    for name, base in (("one", one_url), ("shards", shards_url)):
                        runs[name].append(one_search(browser, f"{base}{page}?q={quote(query)}"))
                one, split = runs["one"], runs["shards"]
                same = len(set(one[0]["top"]) & set(split[0]["top"]))

                def median(rows, key):
                    return statistics.median(row[key] for row in rows)

                print(f"| {page} | {query} | {one[0]['count']} / {split[0]['count']} | {same} | "
                      f"{median(one, 'requests'):.0f} / {median(split, 'requests'):.0f} | "
                      f"{median(one, 'kb'):.0f} / {median(split, 'kb'):.0f} | "
                      f"{median(one, 'ms'):.0f} / {median(split, 'ms'):.0f} |", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
