#!/usr/bin/env python3
"""Save to live through the publishing service, and the service's memory.

  python bench/service.py --work /mnt/bench                 # 21x100, 5 publications
  python bench/service.py --work /mnt/bench --large         # also 130x300
  python bench/service.py --work /mnt/bench --sizes 21x100 --runs 10

For each corpus (SITESxARTICLES, made by bench/make_corpus.py --layout native
into WORK/s<N>-a<M>/native as bench/run.py makes it, when missing) it:

  - commits the corpus into a new Git repository (WORK/s<N>-a<M>/service/repo),
    the root's site.yaml saying `cms: {backend: service}`;
  - starts `python build.py service` over it and the real nginx in front, from
    `python build.py nginx --service ...`: HTTPS with a self-signed certificate,
    an approver's password made with `openssl passwd -apr1`, all on 127.0.0.1;
  - waits for the service's first build (the whole portal), then R times:
    an approver of the commune xa-01 saves a new news article for review
    (persistEntry with useWorkflow), makes it ready (updateUnpublishedEntryStatus,
    as Decap does before it lets anyone publish), then publishes it
    (publishUnpublishedEntry), all through nginx as the admin page sends them;
    timed from the publish request to the first 200 of the article's page from
    nginx, asked every 50 ms.

It prints the median and the maximum save-to-live, the publish request's own
time, and the service's memory, summed over its process tree (the build's
forked workers included): VmRSS and VmHWM from /proc/PID/status while idle
after the first build, and the tree's VmRSS sampled every 50 ms during the
first build and during the publications' builds (their peaks). RSS sums
count pages forked workers share once per process: an upper bound. nginx and
the service are stopped at the end, whatever happens. Needs nginx, openssl
and git. Results also go to WORK/service.json.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
NGINX = "/usr/sbin/nginx"
TOOL_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
VIETNAM = timezone(timedelta(hours=7))
COMMUNE = "xa-01"  # bench/make_corpus.py's first commune, on its own host (its base_url)
APPROVER, PASSWORD = "bench-duyet", "mat-khau-do-thoi-gian"
POLL = 0.05  # seconds between two requests for the new page
LIVE_TIMEOUT = 300.0  # seconds: a publication not live by then fails the benchmark
FIRST_BUILD_TIMEOUT = 1800.0


# Memory ------------------------------------------------------------------------

def _tree(root: int) -> list[int]:
    """The process and all its descendants, alive now."""
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
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _status_kb(pid: int) -> dict[str, int]:
    values = {}
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    name, amount = line.split(":", 1)
                    values[name] = int(amount.split()[0])
    except (OSError, ValueError):
        pass
    return values


def tree_memory_kb(root: int) -> dict[str, int]:
    """VmRSS and VmHWM summed over the process tree, and how many processes it has."""
    total = {"VmRSS": 0, "VmHWM": 0, "processes": 0}
    for pid in _tree(root):
        values = _status_kb(pid)
        if values:
            total["VmRSS"] += values.get("VmRSS", 0)
            total["VmHWM"] += values.get("VmHWM", 0)
            total["processes"] += 1
    return total


class Sampler:
    """The process tree's summed VmRSS every 50 ms; the peak of each phase named by phase()."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peaks: dict[str, int] = {}
        self.most_processes: dict[str, int] = {}
        self._phase = "start"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def phase(self, name: str) -> None:
        self._phase = name

    def _run(self) -> None:
        while not self._stop.is_set():
            now = tree_memory_kb(self.pid)
            phase = self._phase
            self.peaks[phase] = max(self.peaks.get(phase, 0), now["VmRSS"])
            self.most_processes[phase] = max(self.most_processes.get(phase, 0), now["processes"])
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def mb(kb: int) -> float:
    return round(kb / 1024, 1)


# The parts -----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command: str, cwd: Path | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def ensure_corpus(corpus: Path, sites: int, articles: int, seed: int) -> Path:
    """WORK/s<N>-a<M>/native/sites, as bench/run.py makes it."""
    native = corpus / "native"
    if not native.exists():
        print(f"  making the corpus ({sites} sites x {articles} articles)", file=sys.stderr, flush=True)
        subprocess.run([PY, str(HERE / "make_corpus.py"), "--sites", str(sites), "--articles", str(articles),
                        "--seed", str(seed), "--layout", "native", "--out", str(native)], check=True,
                       stdout=subprocess.DEVNULL)
    return native / "sites"


def content_repository(source: Path, top: Path) -> Path:
    """The corpus committed into a new repository; the root's admin pages on the service."""
    shutil.rmtree(top, ignore_errors=True)
    shutil.copytree(source, top / "sites")
    root = next(p for p in sorted((top / "sites").glob("*/site.yaml"))
                if "parent:" not in p.read_text(encoding="utf-8"))
    with open(root, "a", encoding="utf-8") as handle:
        handle.write("cms: {backend: service}\n")
    git = ("git", "-C", str(top), "-c", "user.name=Bench", "-c", "user.email=bench@example.vn")
    run(*git, "init", "-q", "-b", "main")
    run(*git, "add", "-A")
    run(*git, "commit", "-q", "-m", "Corpus")
    return top / "sites"


def credentials(work: Path) -> None:
    """A self-signed certificate for 127.0.0.1, the approver's password, the editors file."""
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "2",
        "-keyout", str(work / "tls.key"), "-out", str(work / "tls.crt"))
    hashed = run("openssl", "passwd", "-apr1", PASSWORD).strip()
    (work / "htpasswd").write_text(f"{APPROVER}:{hashed}\n", encoding="ascii")
    (work / "editors.yaml").write_text(f"users:\n  {APPROVER}: {{sites: [{COMMUNE}], role: approver}}\n",
                                       encoding="utf-8")


def nginx_conf(work: Path, portal_conf: str) -> list[str]:
    """nginx's own configuration around the portal's (as tests/nginx_server.py writes it): its command."""
    folder = work / "nginx"
    folder.mkdir(exist_ok=True)
    (folder / "portal.conf").write_text(portal_conf, encoding="utf-8")
    temp = "\n".join(f"  {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                          "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} notice;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n  access_log off;\n{temp}\n  include {folder / 'portal.conf'};\n}}\n", encoding="utf-8")
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t: {checked.stderr}")
    return command


def wait_listening(port: int, process: subprocess.Popen, what: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped ({process.returncode}): {_tail(log)}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not start listening: {_tail(log)}")


def _tail(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-3000:]
    except OSError:
        return ""


@contextlib.contextmanager
def started(command: list[str], log: Path, stop_signal: int, name: str):
    """A process running until the block ends (stopped with stop_signal, then killed), whatever happens."""
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=TOOL_ENV, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(stop_signal)
                try:
                    process.wait(60)
                except subprocess.TimeoutExpired:
                    print(f"  {name} did not stop: killed", file=sys.stderr)
                    process.kill()
                    process.wait()


class Through:
    """Requests to nginx over HTTPS, on the commune's host, signed in as the approver."""

    def __init__(self, port: int, host: str, cafile: Path):
        self.port, self.host = port, host
        self.origin = f"https://{host}:{port}"
        self.tls = ssl.create_default_context(cafile=str(cafile))
        self.tls.check_hostname = False  # a self-signed certificate for 127.0.0.1
        self.auth = "Basic " + base64.b64encode(f"{APPROVER}:{PASSWORD}".encode()).decode()
        self.connection: http.client.HTTPSConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None, signed_in: bool = True,
                **headers: str) -> tuple[int, bytes]:
        sent = {"Host": self.host, **headers}
        if signed_in:
            sent["Authorization"] = self.auth
        for attempt in (1, 2):  # one keep-alive connection, as a browser keeps one; again if nginx closed it
            if self.connection is None:
                self.connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=120, context=self.tls)
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def action(self, name: str, params: dict) -> dict:
        body = json.dumps({"action": name, "params": {"branch": "main", **params}}, ensure_ascii=False).encode()
        status, answer = self.request("POST", f"/__sitegen/service/{COMMUNE}", body,
                                      **{"Content-Type": "application/json", "Origin": self.origin})
        if status != 200:
            raise RuntimeError(f"{name}: {status} {answer.decode('utf-8', 'replace')[:500]}")
        return json.loads(answer)


# One corpus ------------------------------------------------------------------------

def bench_corpus(work: Path, sites: int, articles: int, runs: int, seed: int) -> dict:
    label = f"{sites}x{articles}"
    corpus = work / f"s{sites}-a{articles}"
    source = ensure_corpus(corpus, sites, articles, seed)
    folder = corpus / "service"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    began = time.perf_counter()
    repo_sites = content_repository(source, folder / "repo")
    print(f"  repository committed in {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    credentials(folder)
    out, key = folder / "public", folder / "service.key"
    port, service_port = free_port(), free_port()
    host = f"{COMMUNE}.huyenmau.example"  # make_corpus.py's base_url for the commune
    service_command = [PY, str(ROOT / "build.py"), "service", "--sites", str(repo_sites), "--out", str(out),
                       "--editors", str(folder / "editors.yaml"), "--listen", f"127.0.0.1:{service_port}",
                       "--key", str(key)]
    with contextlib.ExitStack() as stack:
        started_at = time.perf_counter()
        service = stack.enter_context(started(service_command, folder / "service.log", signal.SIGTERM, "service"))
        sampler = Sampler(service.pid)
        stack.callback(sampler.stop)
        sampler.phase("first build")
        made = subprocess.run(
            [PY, str(ROOT / "build.py"), "nginx", "--sites", str(repo_sites), "--out", str(out),
             "--listen", f"127.0.0.1:{port}", "--service", f"127.0.0.1:{service_port}", "--service-key", str(key),
             "--htpasswd", str(folder / "htpasswd"), "--tls-cert", str(folder / "tls.crt"),
             "--tls-key", str(folder / "tls.key"), "--http", "off"],
            cwd=ROOT, env=TOOL_ENV, capture_output=True, text=True, encoding="utf-8", check=False)
        if made.returncode != 0:
            raise RuntimeError(f"build.py nginx: {made.stderr}")
        command = nginx_conf(folder, made.stdout)
        nginx = stack.enter_context(started([*command, "-g", "daemon off;"], folder / "nginx" / "stdout.log",
                                            signal.SIGQUIT, "nginx"))
        wait_listening(service_port, service, "the service", folder / "service.log")
        wait_listening(port, nginx, "nginx", folder / "nginx" / "error.log")
        through = Through(port, host, folder / "tls.crt")
        # The first build publishes the whole portal at once (the atomic swap): the commune's
        # home page is there when it is done.
        deadline = time.monotonic() + FIRST_BUILD_TIMEOUT
        while through.request("GET", "/", signed_in=False)[0] != 200:
            if service.poll() is not None:
                raise RuntimeError(f"the service stopped ({service.returncode}): {_tail(folder / 'service.log')}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"no first build after {FIRST_BUILD_TIMEOUT:.0f} s: {_tail(folder / 'service.log')}")
            time.sleep(0.2)
        first_build = time.perf_counter() - started_at
        print(f"  first build live {first_build:.1f} s after the service started", file=sys.stderr, flush=True)
        sampler.phase("idle")
        time.sleep(3)  # the first build's workers gone, its garbage collected
        idle = tree_memory_kb(service.pid)
        print(f"  idle: VmRSS {mb(idle['VmRSS'])} MB, VmHWM {mb(idle['VmHWM'])} MB "
              f"({idle['processes']} process(es))", file=sys.stderr, flush=True)

        records = []
        for number in range(1, runs + 1):
            sampler.phase("idle")
            time.sleep(1.0)  # an approver reads the page before the next publication
            records.append(publish_one(through, number, sampler))
            print(f"  run {number}: save to live {records[-1]['save_to_live_s']:.3f} s (publish request "
                  f"{records[-1]['publish_request_s']:.3f} s)", file=sys.stderr, flush=True)
        sampler.phase("after")
        end = tree_memory_kb(service.pid)
        sampler.stop()
        service.send_signal(signal.SIGTERM)
        code = service.wait(120)
        if code != 0:
            raise RuntimeError(f"the service stopped with {code}: {_tail(folder / 'service.log')}")
    lives = [r["save_to_live_s"] for r in records]
    return {
        "corpus": label, "articles": sites * articles, "runs": records,
        "first_build_s": round(first_build, 1),
        "save_to_live_median_s": round(statistics.median(lives), 3), "save_to_live_max_s": max(lives),
        "publish_request_median_s": round(statistics.median(r["publish_request_s"] for r in records), 3),
        "idle_rss_mb": mb(idle["VmRSS"]), "idle_hwm_mb": mb(idle["VmHWM"]),
        "first_build_peak_rss_mb": mb(sampler.peaks.get("first build", 0)),
        "first_build_processes": sampler.most_processes.get("first build", 0),
        "publish_peak_rss_mb": mb(sampler.peaks.get("publishing", 0)),
        "publish_processes": sampler.most_processes.get("publishing", 0),
        "end_hwm_mb": mb(end["VmHWM"]), "end_rss_mb": mb(end["VmRSS"]),
    }


def publish_one(through: Through, number: int, sampler: Sampler) -> dict:
    """A new article saved for review, made ready and published: the publish request to the page live."""
    when = datetime.now(VIETNAM) - timedelta(hours=1)  # in the past: published at once, not scheduled
    slug = f"bai-do-thoi-gian-so-{number}-{int(time.time())}"
    entry = f"{when:%Y-%m-%d}-{slug}"
    raw = (f"---\ntitle: Bài đo thời gian số {number}, hội nghị triển khai chuyển đổi số\n"
           f"date: {when:%Y-%m-%d %H:%M}\ncategory: Chuyển đổi số\nauthor: Văn phòng UBND xã\nslug: {slug}\n---\n"
           "Sáng nay, Ủy ban nhân dân xã tổ chức hội nghị triển khai kế hoạch chuyển đổi số năm 2027.\n\n"
           "## Nội dung chính\n\n- Hướng dẫn người dân nộp hồ sơ trực tuyến.\n- Cài đặt ứng dụng VNeID.\n")
    through.action("persistEntry", {
        "dataFiles": [{"path": f"sites/{COMMUNE}/news/{entry}.md", "slug": entry, "raw": raw}], "assets": [],
        "options": {"collectionName": "news", "useWorkflow": True, "newEntry": True, "unpublished": False,
                    "status": "draft", "commitMessage": f"Create News “{entry}”"}})
    through.action("updateUnpublishedEntryStatus", {"collection": "news", "slug": entry,
                                                    "newStatus": "pending_publish"})
    page = f"/tin-tuc/{slug}/"
    assert through.request("GET", page, signed_in=False)[0] == 404, "live before it was published"
    sampler.phase("publishing")
    started_at = time.perf_counter()
    through.action("publishUnpublishedEntry", {"collection": "news", "slug": entry})
    answered = time.perf_counter() - started_at
    asked = 0
    while True:
        status, _body = through.request("GET", page, signed_in=False)
        if status == 200:
            live = time.perf_counter() - started_at
            break
        waited = time.perf_counter() - started_at
        if waited > LIVE_TIMEOUT:
            raise RuntimeError(f"{page} not live {LIVE_TIMEOUT:.0f} s after publishing")
        if waited > asked + 2:  # what the admin page's status bar would say: a build that failed, an error
            asked = waited
            said = json.loads(through.request("GET", f"/__sitegen/service/{COMMUNE}/status")[1])
            if said.get("failed") or (not said.get("pending") and said.get("problems")):
                raise RuntimeError(f"{page} not live: {said}")
        time.sleep(POLL)
    sampler.phase("settling")
    return {"save_to_live_s": round(live, 3), "publish_request_s": round(answered, 3)}


# The report ------------------------------------------------------------------------

def table(rows: list[dict]) -> str:
    header = ("| corpus | first build s | save to live median s | max s | publish request median s | "
              "idle VmRSS MB | idle VmHWM MB | peak VmRSS first build MB (processes) | "
              "peak VmRSS publishing MB (processes) | VmHWM at end MB |")
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['first_build_s']:.1f} | {r['save_to_live_median_s']:.3f} | "
                     f"{r['save_to_live_max_s']:.3f} | {r['publish_request_median_s']:.3f} | {r['idle_rss_mb']:.0f} | "
                     f"{r['idle_hwm_mb']:.0f} | {r['first_build_peak_rss_mb']:.0f} ({r['first_build_processes']}) | "
                     f"{r['publish_peak_rss_mb']:.0f} ({r['publish_processes']}) | {r['end_hwm_mb']:.0f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (a tmpfs is best)")
    parser.add_argument("--sizes", nargs="+", help="SITESxARTICLES (default 21x100; with --large also 130x300)")
    parser.add_argument("--large", action="store_true", help="also 130x300")
    parser.add_argument("--runs", type=int, default=5, help="publications per corpus (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for tool, present in (("nginx", os.access(NGINX, os.X_OK)), ("openssl", shutil.which("openssl")),
                          ("git", shutil.which("git"))):
        if not present:
            sys.exit(f"{tool} is missing (Debian: apt-get install {tool})")
    sizes = args.sizes or (["21x100", "130x300"] if args.large else ["21x100"])
    if args.large and "130x300" not in sizes:
        sizes.append("130x300")
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sizes:
        sites, articles = (int(n) for n in size.lower().split("x"))
        print(f"== {size}: {sites * articles} articles", file=sys.stderr, flush=True)
        rows.append(bench_corpus(args.work.resolve(), sites, articles, args.runs, args.seed))
    info = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "work": str(args.work), "runs": args.runs}
    (args.work / "service.json").write_text(json.dumps({"info": info, "results": rows}, indent=1,
                                                       ensure_ascii=False), encoding="utf-8")
    print(f"Python {info['python']}, {info['cpus']} CPUs; {args.runs} publications per corpus, through nginx "
          f"(HTTPS); memory summed over the service's process tree.\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
