#!/usr/bin/env python3
"""Instruction counts per stage and page: a per-stage profile that does not
depend on what else the machine is doing.

Runs the criterion bench binary in its count mode
(HOWTOKB_BENCH_COUNT=STAGE:N:PAGE, see benches/pipeline.rs) under
`valgrind --tool=callgrind`, once with the stage run 1 + N times and once
with it run 1 + 0 times; the difference divided by N is the stage's
steady-state instruction count for that page (PAGE is a label prefix, so
`--all --pages sh-` sums over every ScrapingHub page). Valgrind hides
AVX-512 and SHA extensions from the program, so SIMD-heavy code (memchr,
sha2) counts more instructions than it runs natively. Stages are cumulative where the library's are (parse_clean =
parse + clean), so the cost of clean is parse_clean - parse.

Needs valgrind (apt-get install -y valgrind) and the bench binary (built
here with `cargo bench --bench pipeline --no-run`).

Usage, from the project root:
  python3 scripts/bench_instructions.py                  # all stages, all pages
  python3 scripts/bench_instructions.py --pages sh-medium md-medium --stages parse end_to_end
  python3 scripts/bench_instructions.py --all --pages sh- md- devhtml- -n 1
  python3 scripts/bench_instructions.py --md instr.md
  python3 scripts/bench_instructions.py --exe /tmp/bench-base --md before.md   # a saved binary
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STAGES = [
    "decode",
    "strip_comment_blocks",
    "comment_scan_find",
    "prepare",
    "parse",
    "parse_html5ever",
    "parse_text",
    "parse_clean",
    "parse_clean_extract",
    "end_to_end",
]
PAGES = ["sh-small", "sh-medium", "sh-large", "md-small", "md-medium", "md-large",
         "devhtml-small", "devhtml-medium", "devhtml-large"]


def bench_binary() -> Path:
    r = subprocess.run(
        ["cargo", "bench", "--bench", "pipeline", "--no-run", "--message-format=json"],
        cwd=REPO, capture_output=True, text=True,
    )
    for line in r.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") == "compiler-artifact" and msg.get("target", {}).get("name") == "pipeline" \
                and msg.get("executable"):
            return Path(msg["executable"])
    sys.exit(f"bench_instructions: could not build the bench binary:\n{r.stderr[-2000:]}")


def instructions(exe: Path, stage: str, n: int, page: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory(prefix="howtokb-cg-") as tmp:
        env = dict(os.environ, HOWTOKB_BENCH_COUNT=f"{stage}:{n}:{page}")
        r = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out", str(exe)],
            cwd=REPO, env=env, capture_output=True, text=True,
        )
    m = re.search(r"Collected : (\d+)", r.stderr)
    if r.returncode != 0 or not m:
        sys.exit(f"bench_instructions: callgrind failed for {stage} {page}:\n{r.stderr[-1500:]}")
    return int(m.group(1)), r.stdout.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stages", nargs="+", default=STAGES)
    ap.add_argument("--pages", nargs="+", default=PAGES, help="page labels as the bench prints them")
    ap.add_argument("-n", type=int, default=2, help="runs of the stage per measurement (default 2)")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, help="valgrind processes at once")
    ap.add_argument("--all", action="store_true",
                    help="every page of each set instead of small/medium/large; use --pages sh- md- devhtml-")
    ap.add_argument("--exe", type=Path,
                    help="a bench binary built earlier (e.g. a copy from before a change) instead of building one")
    ap.add_argument("--md", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("bench_instructions: valgrind missing (apt-get install -y valgrind)")
    exe = args.exe or bench_binary()
    if args.all:
        os.environ["HOWTOKB_BENCH_ALL"] = "1"
    # Each stage against itself run 0 times (after the same untimed round), so
    # one-time costs (lazily compiled regexes) cancel out.
    jobs = [(st, n, pg) for pg in args.pages for st in args.stages for n in (0, args.n)]
    with ThreadPoolExecutor(max_workers=args.j) as pool:
        results = list(pool.map(lambda j: instructions(exe, *j), jobs))
    table: dict[str, dict[str, float]] = {}
    sizes: dict[str, int] = {}
    for (stage, n, page), (ir, out) in zip(jobs, results):
        m = re.search(r"pages=(\d+) bytes=(\d+)", out)
        if m and int(m.group(1)) == 0:
            sys.exit(f"bench_instructions: no page labelled {page!r}")
        if m:
            sizes[page] = int(m.group(2))
        table.setdefault(page, {})[f"{stage}:{n}"] = ir
    rows = {}
    for page, t in table.items():
        rows[page] = {st: (t[f"{st}:{args.n}"] - t[f"{st}:0"]) / args.n for st in args.stages}
    lines = [
        "Instructions per run (millions), from callgrind; in brackets, instructions per input byte.",
        "",
        "| page | bytes | " + " | ".join(args.stages) + " |",
        "|---|---:|" + "---:|" * len(args.stages),
    ]
    for page in args.pages:
        if page not in rows:
            continue
        b = sizes.get(page, 0) or 1
        cells = [f"{rows[page][st] / 1e6:,.2f} ({rows[page][st] / b:,.0f})" for st in args.stages]
        lines.append(f"| {page} | {sizes.get(page, 0):,} | " + " | ".join(cells) + " |")
    report = "\n".join(lines)
    print(report)
    if args.md:
        args.md.write_text(report + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"n": args.n, "sizes": sizes, "instructions": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
