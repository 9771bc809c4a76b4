#!/usr/bin/env python3
"""Whole-run speed and memory benchmark: howtokb against its peers, same
machine, same inputs, one session.

What it measures (see DEVELOPING.md, "Performance"):

  speed    howtokb at -j 1 and at -j <all cores>, trafilatura extract() and
           resiliparse extract_plain_text(main_content=True), on the
           ScrapingHub pages and on the dev corpus (.md and .html), each
           replicated into a temp folder (distinct file names) until it holds
           at least --size-mb MB. Rounds are interleaved (howtokb -j1, howtokb
           -jN, peers; again ...) and medians over --runs rounds are reported,
           with ratios taken within each round.
  scaling  -j 2 (or -j N) time over -j 1 time, per round, from the speed runs.
  memory   howtokb's peak RSS (wait4 rusage, the number /usr/bin/time -v
           prints as "Maximum resident set size") on 1,000 and 50,000 small
           documents, at -j 1 and at all cores.

Protocol. howtokb: wall time of the whole CLI (`extract DIR -o OUT -j N -q`):
discovery, reading, decoding, parsing, cleaning, extraction and writing the
dataset; one untimed warm-up run on a few pages first. Peers: one Python
process (the venv's) runs both, as shared/eval/peers.py does: pages held in
memory (read untimed), one untimed warm-up page, then the extract call per
page timed as a whole (trafilatura gets the page decoded as UTF-8 with
trafilatura's fallback, resiliparse gets bytes + detect_encoding as in
peers.py). Peers are HTML extractors; in the dev corpus they get the .md
files as they are. MB = 10^6 bytes of input.

Needs: cargo (builds target/release/howtokb), python3 >= 3.9, and a venv with
the peers. It creates the venv when it is missing:
  python3 -m venv /tmp/peers-bench
  /tmp/peers-bench/bin/pip install trafilatura resiliparse lxml_html_clean
(lxml >= 5.2 split out lxml.html.clean, which trafilatura's justext needs.)
Without network or pip it says what is missing and, with --no-peers, still
measures howtokb.

Usage, from the project root:
  python3 scripts/bench_run.py                      # everything (~25 min on 2 cores)
  python3 scripts/bench_run.py --quick              # 20 MB sets, 1 round, 200/5,000 docs
  python3 scripts/bench_run.py --only speed --datasets scrapinghub --runs 3
  python3 scripts/bench_run.py --md bench.md --json bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_VENV = Path("/tmp/peers-bench")
PEER_PACKAGES = ["trafilatura", "resiliparse", "lxml_html_clean"]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- peer worker
def peer_worker(manifest: Path, peers: list[str]) -> int:
    """Runs inside the venv: times each peer over the pages listed in
    `manifest` (one path a line) and prints one JSON object per peer."""
    import warnings

    warnings.filterwarnings("ignore")
    paths = [Path(p) for p in manifest.read_text(encoding="utf-8").splitlines() if p]
    raws = [p.read_bytes() for p in paths]
    total = sum(len(r) for r in raws)

    def decode_html(raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            from trafilatura.utils import decode_file

            return decode_file(raw)

    def run_trafilatura(raw: bytes):
        from trafilatura import extract

        return extract(decode_html(raw), include_comments=False)

    def run_resiliparse(raw: bytes):
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding
        from resiliparse.parse.html import HTMLTree

        tree = HTMLTree.parse(bytes_to_str(raw, detect_encoding(raw)))
        return extract_plain_text(tree, main_content=True)

    fns = {"trafilatura": run_trafilatura, "resiliparse": run_resiliparse}
    from importlib.metadata import version

    for name in peers:
        fn = fns[name]
        try:
            fn(raws[0])  # warm-up: imports, caches
        except Exception:
            pass
        errors = 0
        c0, t0 = time.process_time(), time.perf_counter()
        for raw in raws:
            try:
                fn(raw)
            except Exception:
                errors += 1
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            json.dumps(
                {
                    "peer": name,
                    "version": version(name),
                    "pages": len(raws),
                    "bytes": total,
                    "seconds": secs,
                    "cpu_seconds": cpu,
                    "errors": errors,
                }
            ),
            flush=True,
        )
    return 0


# --------------------------------------------------------------------------- setup
def ensure_howtokb(skip_build: bool) -> Path:
    exe = REPO / "target" / "release" / "howtokb"
    if not skip_build:
        log("cargo build --release")
        r = subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO)
        if r.returncode != 0:
            sys.exit("bench_run: `cargo build --release` failed")
    if not exe.is_file():
        sys.exit(f"bench_run: {exe} missing (run `cargo build --release`)")
    return exe


def ensure_venv(venv: Path, install: bool) -> Path | None:
    py = venv / "bin" / "python"
    check = [str(py), "-c", "import trafilatura, resiliparse.extract.html2text"]
    if py.is_file() and subprocess.run(check, capture_output=True).returncode == 0:
        return py
    if not install:
        log(f"MISSING: peers venv {venv} with {' '.join(PEER_PACKAGES)}; peers skipped")
        return None
    log(f"creating peers venv {venv} ({' '.join(PEER_PACKAGES)})")
    try:
        if not py.is_file():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *PEER_PACKAGES], check=True)
    except (subprocess.CalledProcessError, OSError) as e:
        log(f"MISSING: could not install the peers ({e}); peers skipped. By hand:\n"
            f"  python3 -m venv {venv} && {venv}/bin/pip install {' '.join(PEER_PACKAGES)}")
        return None
    if subprocess.run(check, capture_output=True).returncode != 0:
        log("MISSING: peers installed but do not import; peers skipped")
        return None
    return py


def find_shared(arg: Path | None) -> Path | None:
    for c in [arg, os.environ.get("HOWTOKB_SHARED"), REPO.parent / "shared", Path("/work/shared")]:
        if c and Path(c).is_dir():
            return Path(c)
    return None


def dataset_files(shared: Path, name: str) -> list[Path]:
    if name == "scrapinghub":
        d = shared / "peers" / "scrapinghub" / "html"
        exts = {".html"}
    elif name == "dev":
        d = shared / "corpus" / "dev"
        exts = {".md", ".html"}
    else:
        raise ValueError(name)
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.suffix in exts and p.is_file())


def replicate(files: list[Path], dest: Path, min_bytes: int = 0, min_docs: int = 0) -> tuple[int, int]:
    """Copies `files` round after round into `dest` (distinct names
    r0001-<name>) until it holds at least `min_bytes` and `min_docs`."""
    dest.mkdir(parents=True, exist_ok=True)
    total = docs = 0
    rnd = 0
    while total < min_bytes or docs < min_docs:
        for f in files:
            if min_docs and docs >= min_docs and total >= min_bytes:
                break  # exact count; byte targets take whole rounds
            shutil.copyfile(f, dest / f"r{rnd:05d}-{f.name}")
            total += f.stat().st_size
            docs += 1
        rnd += 1
    return total, docs


# --------------------------------------------------------------------------- measuring
def run_measured(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in KiB (wait4
    rusage: what /usr/bin/time -v prints) of one command."""
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf)
        _, status, ru = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read().decode(errors="replace")
    if code not in (0, 1):  # 1: some documents became error records
        sys.exit(f"bench_run: {' '.join(cmd)} failed ({code}): {err[-500:]}")
    return secs, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


NICE: list[str] = []  # ["nice", "-n", "-10"] with --nice -10


def howtokb_run(exe: Path, inp: Path, out: Path, jobs: int) -> tuple[float, float, int]:
    shutil.rmtree(out, ignore_errors=True)
    r = run_measured([*NICE, str(exe), "extract", str(inp), "-o", str(out), "-j", str(jobs), "-q"])
    shutil.rmtree(out, ignore_errors=True)
    return r


def peers_run(py: Path, manifest: Path, peers: list[str]) -> dict[str, dict]:
    r = subprocess.run(
        [*NICE, str(py), str(Path(__file__).resolve()), "--peer-worker", str(manifest), "--peers", *peers],
        capture_output=True, text=True,
    )
    if r.returncode != 0:
        sys.exit(f"bench_run: peer worker failed: {r.stderr[-1000:]}")
    out = {}
    for line in r.stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            out[rec["peer"]] = rec
    return out


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def fmt(x: float, nd: int = 1) -> str:
    return "n/a" if x != x else f"{x:,.{nd}f}"


# --------------------------------------------------------------------------- benchmarks
def bench_speed(args, exe: Path, py: Path | None, shared: Path, work: Path, cores: int, res: dict) -> list[str]:
    lines = []
    jobs = sorted({1, cores})
    for ds in args.datasets:
        files = dataset_files(shared, ds)
        if not files:
            log(f"SKIP {ds}: no files under {shared}")
            continue
        inp = work / f"speed-{ds}"
        log(f"replicating {ds} ({len(files)} files) to >= {args.size_mb} MB in {inp}")
        nbytes, ndocs = replicate(files, inp, min_bytes=int(args.size_mb * 1e6))
        manifest = work / f"speed-{ds}.list"
        manifest.write_text("\n".join(str(p) for p in sorted(inp.iterdir())) + "\n", encoding="utf-8")
        out = work / "out"
        warm = work / f"warm-{ds}"
        replicate(files[:5], warm, min_docs=5)
        howtokb_run(exe, warm, out, cores)  # warm-up: page cache, binary
        rounds = []
        for r in range(args.runs):
            rnd: dict = {}
            for j in jobs:
                secs, cpu, rss = howtokb_run(exe, inp, out, j)
                rnd[f"howtokb -j {j}"] = {"seconds": secs, "cpu_seconds": cpu, "rss_kib": rss}
                log(f"{ds} round {r + 1}: howtokb -j {j}: {secs:.2f} s ({cpu:.2f} s CPU), "
                    f"{nbytes / 1e6 / secs:.1f} MB/s, peak RSS {rss / 1024:.0f} MiB, load {os.getloadavg()[0]:.1f}")
            if py is not None:
                for name, rec in peers_run(py, manifest, args.peers).items():
                    rnd[name] = {k: rec[k] for k in ("seconds", "cpu_seconds", "version", "errors")}
                    log(f"{ds} round {r + 1}: {name}: {rec['seconds']:.2f} s ({rec['cpu_seconds']:.2f} s CPU), "
                        f"{nbytes / 1e6 / rec['seconds']:.1f} MB/s")
            rounds.append(rnd)
        shutil.rmtree(inp, ignore_errors=True)
        shutil.rmtree(warm, ignore_errors=True)
        names = list(rounds[0])
        base = "howtokb -j 1"
        rows = {}
        for n in names:
            secs = [rd[n]["seconds"] for rd in rounds]
            cpus = [rd[n]["cpu_seconds"] for rd in rounds]
            row = {
                "seconds": secs,
                "cpu_seconds": cpus,
                "median_s": med(secs),
                "median_cpu_s": med(cpus),
                "mb_s": nbytes / 1e6 / med(secs),
                "pages_s": ndocs / med(secs),
                "mb_cpu_s": nbytes / 1e6 / med(cpus),
                "rss_mib": med([rd[n]["rss_kib"] / 1024 for rd in rounds]) if "rss_kib" in rounds[0][n] else None,
                "version": rounds[0][n].get("version"),
                # howtokb -j 1's speed over this one's, per round (>1: howtokb faster).
                "howtokb_j1_vs": med([rd[n]["seconds"] / rd[base]["seconds"] for rd in rounds]),
                "howtokb_j1_vs_cpu": med([rd[n]["cpu_seconds"] / rd[base]["cpu_seconds"] for rd in rounds]),
            }
            rows[n] = row
        res.setdefault("speed", {})[ds] = {"bytes": nbytes, "docs": ndocs, "runs": args.runs, "rows": rows}
        lines += [
            f"### {ds}: {ndocs:,} files, {nbytes / 1e6:,.0f} MB, median of {args.runs} rounds",
            "",
            "| extractor | wall s | MB/s | pages/s | howtokb -j 1 speed ÷ this | CPU s | MB per CPU-s | same, by CPU | peak RSS MiB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for n, row in rows.items():
            label = n + (f" {row['version']}" if row["version"] else "")
            lines.append(
                f"| {label} | {fmt(row['median_s'], 2)} | {fmt(row['mb_s'])} | {fmt(row['pages_s'], 0)} "
                f"| {fmt(row['howtokb_j1_vs'], 2)}× | {fmt(row['median_cpu_s'], 2)} | {fmt(row['mb_cpu_s'])} "
                f"| {fmt(row['howtokb_j1_vs_cpu'], 2)}× | {fmt(row['rss_mib'], 0) if row['rss_mib'] else '–'} |"
            )
        if cores > 1:
            sc = [rd[base]["seconds"] / rd[f"howtokb -j {cores}"]["seconds"] for rd in rounds]
            res["speed"][ds]["scaling"] = {"cores": cores, "per_round": sc, "median": med(sc)}
            ov = [rd[f"howtokb -j {cores}"]["cpu_seconds"] / rd[base]["cpu_seconds"] for rd in rounds]
            res["speed"][ds]["scaling"]["cpu_overhead"] = med(ov)
            lines += ["", f"Scaling -j {cores} over -j 1 (wall): median {med(sc):.2f}× "
                      f"(rounds: {', '.join(f'{s:.2f}' for s in sc)}; target ≥ {0.9 * cores:.1f}×). "
                      f"CPU seconds at -j {cores} over -j 1: {med(ov):.2f} (1.00 = no parallel overhead)."]
        lines.append("")
    return lines


def bench_memory(args, exe: Path, shared: Path, work: Path, cores: int, res: dict) -> list[str]:
    dev = [p for p in dataset_files(shared, "dev") if p.suffix == ".md"]
    if not dev:
        log("SKIP memory: no dev corpus")
        return []
    # Small documents: the smaller half of the Markdown posts.
    dev.sort(key=lambda p: (p.stat().st_size, p.name))
    small = dev[: max(1, len(dev) // 2)]
    out = work / "out"
    lines = [
        f"### memory: peak RSS of howtokb on small documents ({small[0].stat().st_size:,}–"
        f"{small[-1].stat().st_size:,} bytes, dev-corpus Markdown), median of {args.runs} runs",
        "",
        "| documents | MB | -j | time s | docs/s | peak RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    mem = {}
    mem_jobs = sorted(set(args.mem_jobs or [1, cores]))
    for n in args.mem_docs:
        inp = work / f"mem-{n}"
        log(f"replicating {n:,} small documents into {inp}")
        nbytes, ndocs = replicate(small, inp, min_docs=n)
        for j in mem_jobs:
            runs = [howtokb_run(exe, inp, out, j) for _ in range(args.runs)]
            secs = med([s for s, _, _ in runs])
            rss = med([r / 1024 for _, _, r in runs])
            mem[f"{n}/-j{j}"] = {"docs": ndocs, "bytes": nbytes, "jobs": j, "median_s": secs, "rss_mib": rss,
                                 "rss_runs_mib": [r / 1024 for _, _, r in runs]}
            log(f"memory {ndocs} docs -j {j}: {secs:.2f} s, peak RSS {rss:.1f} MiB")
            lines.append(f"| {ndocs:,} | {nbytes / 1e6:,.1f} | {j} | {fmt(secs, 2)} | {fmt(ndocs / secs, 0)} | {fmt(rss)} |")
        shutil.rmtree(inp, ignore_errors=True)
    res["memory"] = mem
    lo, hi = min(args.mem_docs), max(args.mem_docs)
    lines.append("")
    for j in mem_jobs:
        a, b = mem.get(f"{lo}/-j{j}"), mem.get(f"{hi}/-j{j}")
        if a and b:
            growth = b["rss_mib"] / a["rss_mib"] - 1
            lines.append(f"-j {j}: {hi:,} docs peak RSS is {growth:+.1%} over {lo:,} docs "
                         f"(target ≤ +10 %: {'met' if growth <= 0.10 else 'MISSED'}); "
                         f"{b['rss_mib']:.1f} MiB (target < 200 MiB: {'met' if b['rss_mib'] < 200 else 'MISSED'}).")
    lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer-worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--only", choices=["speed", "memory"], action="append",
                    help="run only this part (may repeat; default both)")
    ap.add_argument("--datasets", nargs="+", default=["scrapinghub", "dev"], choices=["scrapinghub", "dev"])
    ap.add_argument("--peers", nargs="*", default=["trafilatura", "resiliparse"], choices=["trafilatura", "resiliparse"])
    ap.add_argument("--no-peers", action="store_true", help="howtokb only")
    ap.add_argument("--size-mb", type=float, default=200.0, help="replicate each dataset to at least this many MB (default 200)")
    ap.add_argument("--runs", type=int, default=3, help="rounds; medians are reported (default 3)")
    ap.add_argument("--mem-docs", type=int, nargs="+", default=[1000, 50000], help="document counts for the memory test")
    ap.add_argument("--mem-jobs", type=int, nargs="+", help="-j values for the memory test (default: 1 and all cores)")
    ap.add_argument("--quick", action="store_true", help="smoke test: 20 MB, 1 round, 200 and 5,000 documents")
    ap.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    ap.add_argument("--no-install", action="store_true", help="do not create the peers venv")
    ap.add_argument("--no-build", action="store_true", help="use target/release/howtokb as it is")
    ap.add_argument("--shared", type=Path, help="shared data folder (default $HOWTOKB_SHARED, ../shared)")
    ap.add_argument("--tmp", type=Path, help="where to replicate inputs (default: a new temp folder, removed after)")
    ap.add_argument("--nice", type=int, help="run every measured process under `nice -n N` (N < 0 needs root): "
                    "on a machine shared with builds, -10 gives the measured runs the cores first")
    ap.add_argument("--md", type=Path, help="also write the report here")
    ap.add_argument("--json", type=Path, help="write raw results here")
    args = ap.parse_args(argv)
    if args.peer_worker:
        return peer_worker(args.peer_worker, args.peers)
    if args.quick:
        args.size_mb, args.runs, args.mem_docs = 20.0, 1, [200, 5000]
    parts = args.only or ["speed", "memory"]
    if args.nice is not None:
        NICE[:] = ["nice", "-n", str(args.nice)]

    shared = find_shared(args.shared)
    if shared is None:
        sys.exit("bench_run: shared data not found (--shared, $HOWTOKB_SHARED or ../shared); nothing to measure")
    exe = ensure_howtokb(args.no_build)
    py = None
    if "speed" in parts and not args.no_peers and args.peers:
        py = ensure_venv(args.venv, not args.no_install)
    cores = os.cpu_count() or 1
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    res: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cores": cores, "cpu": cpu,
                 "python": platform.python_version(), "commit": commit}
    head = [
        f"## howtokb whole-run benchmark ({res['started']})",
        "",
        f"{cores} cores ({cpu}), howtokb at {commit}, load average at start "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}"
        + (f"; measured processes under `nice -n {args.nice}`." if args.nice is not None else "."),
        "",
    ]
    tmp_ctx = tempfile.TemporaryDirectory(prefix="howtokb-bench-", dir=args.tmp) if not args.tmp or args.tmp.is_dir() else None
    if tmp_ctx is None:
        args.tmp.mkdir(parents=True)
        tmp_ctx = tempfile.TemporaryDirectory(prefix="howtokb-bench-", dir=args.tmp)
    lines: list[str] = []
    with tmp_ctx as tmp:
        work = Path(tmp)
        if "speed" in parts:
            lines += bench_speed(args, exe, py, shared, work, cores, res)
        if "memory" in parts:
            lines += bench_memory(args, exe, shared, work, cores, res)
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    lines.append(f"Load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}. "
                 "Wall-clock figures are only as good as the machine was idle; the CPU-second "
                 "columns (user + system) are steadier on a shared machine.")
    report = "\n".join(head + lines)
    print(report)
    if args.md:
        args.md.write_text(report + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
