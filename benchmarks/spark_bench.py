#!/usr/bin/env python
"""Pages/s of ``cleaner spark`` (local mode, 1..N executor cores) against ``cleaner batch`` on the same input.

    python benchmarks/spark_bench.py                           # scrapinghub html x3, as pages and as WARCs
    python benchmarks/spark_bench.py --repeat 1 --masters 'local[2]'

Builds, in a temporary folder (never in the project), a folder of pages (the bench pages copied
``--repeat`` times) and the same pages packed into ``--warcs`` WARC files. Then runs each engine in
its own subprocess, so every Spark run pays its own JVM start like a user's run does, and prints:
wall time, Spark start-up (session) time, job time and pages/s, plus the cost model
(single-core CPU seconds per page x pages / cores) that the measured figures are checked against.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = ROOT.parent / "shared" / "bench" / "scrapinghub" / "html"
#: Pages timed one by one for the CPU-per-page figure of the cost model.
COST_SAMPLE = 181


def build_inputs(pages_dir: Path, work: Path, repeat: int, warcs: int) -> tuple[Path, Path, int]:
    """Copy the pages ``repeat`` times into work/pages and pack the same pages into work/warc/*.warc.gz."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    files = sorted(p for p in pages_dir.iterdir() if p.name.endswith((".html", ".html.gz", ".htm", ".txt")))
    folder, warc_dir = work / "pages", work / "warc"
    warc_dir.mkdir(parents=True)
    handles = [open(warc_dir / f"crawl-{i:02d}.warc.gz", "wb") for i in range(warcs)]
    writers = [WARCWriter(h, gzip=True) for h in handles]
    n = 0
    for copy in range(repeat):
        (folder / f"copy{copy}").mkdir(parents=True)
        for f in files:
            shutil.copyfile(f, folder / f"copy{copy}" / f.name)
            raw = f.read_bytes()
            body = gzip.decompress(raw) if f.name.endswith(".gz") else raw
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w = writers[n % warcs]
            w.write_record(w.create_warc_record(f"http://bench.example/{copy}/{f.name}", "response",
                                                payload=io.BytesIO(body), http_headers=http))
            n += 1
    for h in handles:
        h.close()
    return folder, warc_dir, n


def cpu_per_page(pages_dir: Path) -> float:
    """Single-core CPU seconds per page of clean() over the bench pages (after one warm-up page)."""
    from cleaner import clean

    files = sorted(pages_dir.iterdir())[:COST_SAMPLE]
    clean(files[0].read_bytes())
    start = time.process_time()
    for f in files:
        clean(f.read_bytes())
    return (time.process_time() - start) / len(files)


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far, their descendants included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``cmd``; its result, wall seconds and CPU seconds (all its processes: JVM, workers)."""
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return proc, time.perf_counter() - start, _children_cpu() - cpu


def run_batch(in_dir: Path, out: Path, workers: int) -> dict:
    """Wall and CPU time of ``cleaner batch --format jsonl`` (fresh output, so every page is cleaned)."""
    proc, wall, cpu = _timed([sys.executable, "-m", "cleaner", "batch", str(in_dir), str(out), "--format", "jsonl",
                              "-q", "--workers", str(workers)])
    if proc.returncode not in (0, 1):
        raise SystemExit(f"cleaner batch failed: {proc.stderr}")
    pages = sum(1 for _ in open(out / "pages.jsonl", encoding="utf-8"))
    return {"wall": wall, "cpu": cpu, "pages": pages}


def run_spark(in_dir: Path, out: Path, master: str) -> dict:
    """One Spark run in a subprocess (own JVM); returns wall, CPU, session start and job seconds."""
    proc, wall, _ = _timed([sys.executable, __file__, "--one", master, str(in_dir), str(out)])
    if proc.returncode != 0:
        raise SystemExit(f"spark run failed: {proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(wall=wall, cpu=result["jvm_cpu"] + result["executor_cpu"] + result["driver_cpu"])
    return result


def one_spark_run(master: str, in_dir: str, out: str) -> None:
    """Body of the subprocess: start a session, run the job (jsonl output), print timings as JSON.

    CPU is split three ways: the JVM (its /proc counters), the Python executors (an accumulator of
    process-time around every input file, added by wrapping the function the executors call) and
    this driver process. ``executor_busy`` sums the wall time executors spent on files: divided by
    the job time it is the parallelism Spark achieved (the load on the machine permitting).
    """
    sys.path.insert(0, str(ROOT))
    import cleaner.spark as cs

    start = time.perf_counter()
    spark = cs.spark_session(master, app_name="cleaner-bench")
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter() - start
    executor_cpu = spark.sparkContext.accumulator(0.0)
    executor_busy = spark.sparkContext.accumulator(0.0)
    read_file = cs._file_records

    def timed_file_records(*args):
        before, wall = time.process_time(), time.perf_counter()
        yield from read_file(*args)
        executor_cpu.add(time.process_time() - before)
        executor_busy.add(time.perf_counter() - wall)

    cs._file_records = timed_file_records  # captured by value when Spark pickles the job's closure
    df, counts = cs.clean_files(spark, in_dir)
    df.write.mode("overwrite").option("ignoreNullFields", "false").json(out)
    job = time.perf_counter() - start - session
    pages = sum(n for k, n in counts.value.items() if k in ("cleaned", "empty") or k.startswith("failed: "))
    with open(f"/proc/{spark.sparkContext._gateway.proc.pid}/stat") as fh:  # spark-submit execs the JVM
        fields = fh.read().rsplit(")", 1)[1].split()
    jvm_cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    driver = resource.getrusage(resource.RUSAGE_SELF)
    spark.stop()
    print(json.dumps({"session": session, "job": job, "pages": pages, "jvm_cpu": jvm_cpu,
                      "executor_cpu": executor_cpu.value,
                      "executor_busy": executor_busy.value, "driver_cpu": driver.ru_utime + driver.ru_stime}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of bench pages")
    parser.add_argument("--repeat", type=int, default=3, help="copies of the pages (more pages amortise start-up)")
    parser.add_argument("--warcs", type=int, default=4, help="WARC files the pages are packed into")
    parser.add_argument("--masters", default="local[1],local[2]", help="comma-separated Spark masters to time")
    parser.add_argument("--one", nargs=3, metavar=("MASTER", "IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        one_spark_run(*args.one)
        return 0

    sys.path.insert(0, str(ROOT))
    cores = len(os.sched_getaffinity(0))
    masters = [m.strip() for m in args.masters.split(",") if m.strip()]
    with tempfile.TemporaryDirectory(prefix="cleaner-spark-bench-") as tmp:
        work = Path(tmp)
        folder, warc_dir, n = build_inputs(args.pages, work, args.repeat, args.warcs)
        cpu = cpu_per_page(args.pages)
        print(f"# {n} pages ({args.repeat} x {args.pages.name}), {args.warcs} WARC files; {cores} cores; "
              f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"# cost model: clean() takes {cpu * 1000:.1f} ms CPU per page on one core -> "
              f"{n * cpu:.1f} CPU s for these pages\n")
        print("| engine | input | wall s | pages/s | Spark start s | job s | pages/s in job | CPU s: total "
              "(JVM / Python executors / driver) | parallelism | model job s (CPU / cores) |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for label, in_dir in (("pages", folder), ("WARC", warc_dir)):
            res = run_batch(in_dir, work / f"batch-{label}", cores)
            print(f"| cleaner batch --workers {cores} | {label} | {res['wall']:.1f} | {res['pages'] / res['wall']:.1f} "
                  f"| - | - | - | {res['cpu']:.1f} | - | {n * cpu / cores:.1f} |", flush=True)
            for master in masters:
                used = cores if master in ("local[*]", "local") else int(master.split("[")[1].rstrip("]"))
                res = run_spark(in_dir, work / f"spark-{label}-{used}", master)
                print(f"| cleaner spark {master} | {label} | {res['wall']:.1f} | {res['pages'] / res['wall']:.1f} | "
                      f"{res['session']:.1f} | {res['job']:.1f} | {res['pages'] / res['job']:.1f} | "
                      f"{res['cpu']:.1f} ({res['jvm_cpu']:.1f} / {res['executor_cpu']:.1f} / {res['driver_cpu']:.1f}) "
                      f"| {res['executor_busy'] / res['job']:.2f} | {n * cpu / min(used, cores):.1f} |", flush=True)
        print(f"\n# load average after: {os.getloadavg()[0]:.1f}")
        print("# parallelism = seconds executors spent on files / job seconds (ideal: the executor count)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
