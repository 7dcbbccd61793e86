#!/usr/bin/env python3
"""What the search index costs a build: processor seconds, by way of indexing.

  git archive <commit> | tar -x -C /mnt/bench/today       # an older sitegen to compare with
  python bench/search_bench.py --work /mnt/bench --today /mnt/bench/today --runs 5

Times, on each corpus, a cold build (no output, no cache) and a one-edit
rebuild (a line added to one article of the commune xa-01, the newest and the
oldest in turn, a new line each run) for each variant:

  today             the --today tree, as it is (Pagefind's command line, one run per site)
  service, one      this tree, every site in one index
  service, shards   this tree, large sites' indexes in shards (the default)

Corpora: 21x100 as bench/run.py makes it (news only; no site is large enough
to split), and 3x400 with the sample portal's procedures, fixed pages and
staff added to the district, whose commune procedures every commune shows
(so the communes have a core beside their news, as real ones do).

The figure is the processor time (user + system) of the build and every
process it waited for (workers, Pagefind), from wait4(2), as
/usr/bin/time gives it: steadier than wall time on a shared machine. Runs
are interleaved variant by variant, round by round; medians are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOW = "22/11/2026 10:00"
ONE_INDEX = ("import sys; sys.path.insert(0, '.'); import sitegen.search.shards as shards; "
             "shards.NEWS_PER_SHARD = 10 ** 9; from sitegen.cli import main; sys.exit(main(sys.argv[1:]))")


def variants(today: Path | None) -> dict[str, tuple[Path, list[str]]]:
    """name -> (the tree to run in, the command before the build's arguments)."""
    found = {}
    if today is not None:
        found["today"] = (today, [sys.executable, "build.py"])
    found["service, one"] = (ROOT, [sys.executable, "-c", ONE_INDEX])
    found["service, shards"] = (ROOT, [sys.executable, "build.py"])
    return found


def timed(command: list[str], cwd: Path) -> dict:
    """Wall and processor seconds of a command and every process it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: content errors (the corpus has no pictures), all else published
        raise RuntimeError(f"{command} exited {code}: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime}


def make_corpus(work: Path, sites: int, articles: int, with_items: bool) -> Path:
    corpus = work / f"corpus-{sites}x{articles}{'-items' if with_items else ''}"
    if not (corpus / "sites").is_dir():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--sites", str(sites), "--articles",
                        str(articles), "--seed", "1", "--layout", "native", "--out", str(corpus)],
                       check=True, stdout=subprocess.DEVNULL)
        if with_items:
            for kind in ("procedures", "pages", "staff"):
                shutil.copytree(ROOT / "sites" / "phu-tho" / kind, corpus / "sites" / "huyen-mau" / kind)
    return corpus / "sites"


def build_command(prefix: list[str], sites: Path, out: Path) -> list[str]:
    return [*prefix, "build", "--sites", str(sites), "--out", str(out), "--now", NOW, "--no-report"]


def bench_corpus(work: Path, label: str, sites: Path, runs: int, chosen: dict) -> list[dict]:
    rows = []
    copies = {}
    for name in chosen:
        folder = work / label / name.replace(", ", "-").replace(" ", "-")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(sites, folder / "sites")
        copies[name] = folder
    for round_ in range(runs):
        for name, (tree, prefix) in chosen.items():
            out = copies[name] / "out"
            for path in (out, copies[name] / ".out.cache", copies[name] / ".out.staging"):
                shutil.rmtree(path, ignore_errors=True)
            rows.append({"corpus": label, "case": "cold", "variant": name, "round": round_,
                         **timed(build_command(prefix, copies[name] / "sites", out), tree)})
            print(rows[-1], flush=True)
    for which in ("newest", "oldest"):
        for round_ in range(runs):
            for name, (tree, prefix) in chosen.items():
                articles = sorted((copies[name] / "sites" / "xa-01" / "news").glob("*.md"))
                article = articles[-1] if which == "newest" else articles[0]
                with article.open("a", encoding="utf-8") as handle:
                    handle.write(f"\nSửa lần {round_}.\n")
                rows.append({"corpus": label, "case": f"1 edit ({which})", "variant": name, "round": round_,
                             **timed(build_command(prefix, copies[name] / "sites", copies[name] / "out"), tree)})
                print(rows[-1], flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| corpus | case | variant | CPU s (median) | min–max | wall s (median) | runs |",
             "|---|---|---|--:|---|--:|--:|"]
    keys = []
    for row in rows:
        key = (row["corpus"], row["case"], row["variant"])
        if key not in keys:
            keys.append(key)
    for key in keys:
        picked = [r for r in rows if (r["corpus"], r["case"], r["variant"]) == key]
        cpu = [r["cpu"] for r in picked]
        lines.append(f"| {key[0]} | {key[1]} | {key[2]} | {statistics.median(cpu):.2f} | "
                     f"{min(cpu):.2f}–{max(cpu):.2f} | {statistics.median(r['wall'] for r in picked):.2f} | "
                     f"{len(picked)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--today", type=Path, help="an older sitegen tree (git archive) to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", action="append", choices=("21x100", "3x400"))
    args = parser.parse_args()
    chosen = variants(args.today.resolve() if args.today else None)
    rows = []
    for label in args.corpus or ("21x100", "3x400"):
        sites, articles = map(int, label.split("x"))
        corpus = make_corpus(args.work, sites, articles, with_items=label == "3x400")
        rows += bench_corpus(args.work, label, corpus, args.runs, chosen)
    (args.work / "search_bench.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
