"""Run the cleaner on Apache Spark: ``cleaner spark IN OUT`` and a DataFrame API for Spark users.

The driver only lists input files; executors open them (page files or WARC archives), call the
same :func:`cleaner.clean` as ``cleaner batch`` and return one row per page. Unreadable pages
become rows with an ``error`` and are counted, so a bad record never fails the job. Needs the
``spark`` extra (pyspark, pandas, pyarrow) and Java 17; runs in local mode unless told a master.

Also runnable with spark-submit, which takes a file path::

    spark-submit --master spark://host:7077 "$(python -c 'import cleaner.spark as m; print(m.__file__)')" IN OUT
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from cleaner.batch.inputs import Passed, Source, classify, discover, inside
from cleaner.batch.worker import Task, clean_record
from cleaner.decode import MAX_INPUT_BYTES
from cleaner.errors import CleanerError
from cleaner.article import RECORD_SCHEMA
from cleaner.user_rules import RulesError, checked_rules
from cleaner.warc import WarcStats, iter_warc_pages

if TYPE_CHECKING:  # pyspark and pandas are optional: imported where a Spark job is built
    import pandas as pd
    from pyspark.accumulators import Accumulator
    from pyspark.sql import DataFrame, SparkSession

#: Partitions per core when the user gives none: small tasks keep cores busy despite uneven pages.
PARTITIONS_PER_CORE = 4
#: Rows per pandas frame handed back to Spark: bounds executor memory on WARCs of many pages.
ROWS_PER_FRAME = 256
#: Seconds one page may take before it is failed as too slow (as in ``cleaner batch``).
DEFAULT_TIMEOUT = 30.0
#: JVM flags for local mode: the JVM only moves batches between Python workers and the writer, so
#: its optimising JIT (C2) costs more CPU than it saves; C1 alone halves Spark's start-up CPU.
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"
#: Columns the cleaner adds to each page (the record's fields after ``url``, with their Spark SQL
#: types); ``error`` is set (and the rest null) when it failed.
_CLEANED_TYPES = tuple((name, kind) for name, kind in RECORD_SCHEMA if name != "url") + (("error", "string"),)
CLEANED_FIELDS = tuple(name for name, _ in _CLEANED_TYPES)
#: Schema of ``cleaner spark`` output and of :func:`clean_files`: a ``cleaner batch`` jsonl record
#: (source, url, then the Article's record fields) plus ``error`` for pages batch lists as failed.
OUTPUT_SCHEMA = "source string, url string, " + ", ".join(f"{name} {kind}" for name, kind in _CLEANED_TYPES)
#: Longest failure reason kept as a counter key (reasons are grouped with long numbers masked).
REASON_KEY_CHARS = 80

_WARC_SKIPPED = "warc records skipped (not an HTML 2xx response)"
_FILES_SCHEMA = "path string, name string, kind string, gz boolean"
_DIGITS = re.compile(r"\d{3,}")


class _PageTimeout(BaseException):
    """Raised by the alarm inside a page; a BaseException so the worker's ``except Exception`` lets it by."""


def _on_alarm(signum, frame):
    raise _PageTimeout()


def clean_task(task: Task, max_bytes: int = MAX_INPUT_BYTES, timeout: float | None = DEFAULT_TIMEOUT,
               rules: tuple[str, str] | None = None) -> dict[str, Any]:
    """Clean one page exactly as a ``cleaner batch`` worker does; the record, or ``error`` on failure.

    The time limit uses SIGALRM, so it stops slow Python code but not a single stuck C call.
    ``rules`` is a user rules file's (text, name), as :func:`~cleaner.user_rules.checked_rules` gives.
    """
    if not timeout or threading.current_thread() is not threading.main_thread():
        record, error = clean_record(task, max_bytes, rules)
    else:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            record, error = clean_record(task, max_bytes, rules)
        except _PageTimeout:
            record, error = None, f"timeout: cleaning took longer than {timeout:g} s"
        finally:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
            except _PageTimeout:  # the one-shot alarm went off just as the page finished
                pass
            signal.signal(signal.SIGALRM, previous)
    if record is None:
        return _failed(task.source, task.url, error or "failed")
    record["error"] = None
    return {key: record.get(key) for key in ("source", "url", *CLEANED_FIELDS)}  # the schema's columns


def _failed(source: str, url: str | None, error: str) -> dict[str, Any]:
    return {"source": source, "url": url, **dict.fromkeys(CLEANED_FIELDS), "error": error}


def _file_records(path: str, name: str, kind: str, gz: bool, max_bytes: int, timeout: float | None,
                  counts: dict[str, int], rules: tuple[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Rows for one input file: one per page file, or one per HTML response of a WARC (in file order)."""
    if kind != "warc":  # kind and gzip as batch found them (by name, or by content)
        yield clean_task(Task(name, path=path, kind=kind, gz=gz), max_bytes, timeout, rules)
        return
    stats = WarcStats()
    for page in iter_warc_pages(path, name=name, stats=stats, max_bytes=max_bytes):
        if page.error:
            yield _failed(page.source, page.url, page.error)
        else:
            yield clean_task(Task(page.source, data=page.data, url=page.url, kind="html"), max_bytes, timeout, rules)
    _add(counts, "warc records", stats.records)
    _add(counts, _WARC_SKIPPED, stats.skipped_type + stats.skipped_status + stats.skipped_non_html)


def _add(counts: dict[str, int], key: str, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


def _count(counts: dict[str, int], row: dict[str, Any]) -> None:
    """Tally one output row: cleaned, empty, or failed under its reason (numbers masked to group them)."""
    if row["error"]:
        _add(counts, "failed: " + _DIGITS.sub("N", row["error"])[:REASON_KEY_CHARS])
    else:
        _add(counts, "cleaned" if row["text"] else "empty")


def _frames(rows: Iterable[dict[str, Any]], columns: list[str]) -> Iterator["pd.DataFrame"]:
    """Group rows into pandas frames of at most ROWS_PER_FRAME rows."""
    import pandas as pd

    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= ROWS_PER_FRAME:
            yield pd.DataFrame(chunk, columns=columns)
            chunk = []
    if chunk:
        yield pd.DataFrame(chunk, columns=columns)


def _counter_param():
    from pyspark.accumulators import AccumulatorParam

    class CounterParam(AccumulatorParam):
        """Merges per-task {reason: count} dicts into one (Spark accumulator)."""

        def zero(self, value: dict[str, int]) -> dict[str, int]:
            return {}

        def addInPlace(self, a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
            for key, n in b.items():
                a[key] = a.get(key, 0) + n
            return a

    return CounterParam()


def input_problem(root: str) -> str | None:
    """Why ``root`` cannot be read as input (missing, or a file of a kind not cleaned), or None."""
    if not os.path.exists(root):
        return f"input {root!r} does not exist"
    if os.path.isfile(root):
        found = classify(os.path.basename(root), root, os.stat(root))
        if isinstance(found, Passed):
            return f"{root!r} is not a page or WARC file: {found.reason}"
    return None


def _sources(root: str, out_dir: str | None) -> tuple[list[Source], list[tuple[str, str, bool]]]:
    """Input files as ``cleaner batch`` finds them (same names, same order), and paths passed over."""
    problem = input_problem(root)
    if problem:
        raise ValueError(problem)
    if os.path.isfile(root):  # one file: named by its base name, as if its folder were the input
        found = classify(os.path.basename(root), os.path.abspath(root), os.stat(root))
        assert isinstance(found, Source)  # input_problem refused the other case
        return [found], []
    # with no output folder to keep out of the walk, name one nothing can be inside of
    sources, passed = discover(root, out_dir or os.devnull)
    return sources, [(p.rel, p.reason, p.failed) for p in passed]


def clean_files(
    spark: "SparkSession",
    root: str,
    partitions: int | None = None,
    *,
    out_dir: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
    rules: str | None = None,
) -> tuple["DataFrame", "Accumulator[dict[str, int]]"]:
    """Lazily clean every page file and WARC under ``root`` (a folder or one file) on the executors.

    Returns the DataFrame (:data:`OUTPUT_SCHEMA`, rows in ``cleaner batch``'s order when the
    partitions are read in order) and a counter accumulator ({"cleaned"|"empty"|"failed: <reason>"
    |"warc records"|...: n}) that fills in when an action runs. Only paths travel from the driver:
    they must be readable on every executor (local disk in local mode, a shared mount on a cluster).
    ``rules`` (a user rules file) is read on the driver and its text shipped with the job.
    """
    rules_text = checked_rules(rules)
    sources, passed = _sources(root, out_dir)
    sc = spark.sparkContext
    counts_acc = sc.accumulator({}, _counter_param())
    for rel, reason, failed in passed:  # found by the driver's walk: counted here, not rows
        counts_acc.add({("failed: " if failed else "ignored: ") + reason: 1})
    inputs = [(s.path, s.name, s.kind, s.gz) for s in sources]
    # by default a WARC (often ~1 GB, tens of thousands of pages) is a task of its own, so a lost
    # executor redoes one archive and the last tasks do not straggle; page files go 4 tasks per core
    warcs = sum(1 for s in sources if s.warc)
    n = partitions or min(len(inputs), max(PARTITIONS_PER_CORE * sc.defaultParallelism, warcs))
    columns = [field.split()[0] for field in OUTPUT_SCHEMA.split(", ")]

    def clean_partition(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        counts: dict[str, int] = {}

        def rows() -> Iterator[dict[str, Any]]:
            for batch in batches:
                for path, name, kind, gz in zip(batch["path"], batch["name"], batch["kind"], batch["gz"]):
                    for row in _file_records(path, name, kind, bool(gz), max_bytes, timeout, counts, rules_text):
                        _count(counts, row)
                        yield row

        yield from _frames(rows(), columns)
        counts_acc.add(counts)

    files = spark.createDataFrame(sc.parallelize(inputs, max(1, n)), _FILES_SCHEMA)
    return files.mapInPandas(clean_partition, OUTPUT_SCHEMA), counts_acc


def clean_dataframe(
    df: "DataFrame",
    content_col: str = "html",
    url_col: str | None = None,
    kind: str = "auto",
    *,
    keep_content: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
    rules: str | None = None,
) -> "DataFrame":
    """Add the cleaned columns to a DataFrame of pages (content as binary or string), for your own jobs.

    Output schema: the input columns (without ``content_col`` unless ``keep_content``), then the
    Article's record fields (:data:`cleaner.article.RECORD_SCHEMA` after ``url``: kind, title,
    metadata, language, text, reason) and ``error`` (why the page could not be cleaned; the others
    are null then). No row fails the job. ``rules`` is a user rules file, read here and shipped
    with the job (RulesError when bad).
    """
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    rules_text = checked_rules(rules)

    for col in (content_col, url_col):
        if col is not None and col not in df.columns:
            raise ValueError(f"no column {col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if kind not in ("auto", "html", "text"):
        raise ValueError(f"unknown kind {kind!r}: use 'auto', 'html' or 'text'")
    kept = [f for f in df.schema.fields if keep_content or f.name != content_col]
    clash = [f.name for f in kept if f.name in CLEANED_FIELDS]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(clash)}; rename them first")
    schema = StructType(kept + [
        StructField(name, ArrayType(StringType()) if kind.startswith("array") else StringType(), True)
        for name, kind in _CLEANED_TYPES
    ])
    kept_names = [f.name for f in kept]

    def clean_batches(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        import pandas as pd

        for batch in batches:
            urls = batch[url_col] if url_col else [None] * len(batch)
            cleaned = []
            for data, url in zip(batch[content_col], urls):
                data, url = _none_if_na(data), _none_if_na(url)
                if data is None:
                    record = _failed("", url, "no content (null)")
                else:
                    record = clean_task(Task("", data=data, url=url, kind=kind), max_bytes, timeout, rules_text)
                cleaned.append([record[name] for name in CLEANED_FIELDS])
            out = batch[kept_names].reset_index(drop=True)
            yield pd.concat([out, pd.DataFrame(cleaned, columns=list(CLEANED_FIELDS), dtype=object)], axis=1)

    return df.mapInPandas(clean_batches, schema)


def _none_if_na(value: Any) -> Any:
    """pandas hands nulls over as None, NaN or NA; the cleaner wants None (and bytes, not bytearray)."""
    if isinstance(value, (bytes, str)):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    import pandas as pd

    return None if value is None or pd.isna(value) else value


def spark_session(master: str | None = None, app_name: str = "cleaner") -> "SparkSession":
    """A SparkSession: local mode on all cores unless ``master`` or spark-submit says otherwise."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise CleanerError("pyspark is not installed: pip install 'cleaner[spark]'") from None
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    under_spark_submit = "PYSPARK_GATEWAY_PORT" in os.environ  # the JVM exists; its master rules
    if master.startswith("local") if master else not under_spark_submit:
        # local executors run this interpreter, where cleaner and its dependencies are installed
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.driver.defaultJavaOptions", LOCAL_JVM_OPTIONS)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``spark`` subcommand."""
    p = subparsers.add_parser(
        "spark",
        help="clean a folder of pages or WARC files on Apache Spark (local mode by default)",
        description="Clean every page file and WARC file under IN (recognised as cleaner batch "
        "does: by name, else by content) on Spark and write one row per page to the folder OUT.",
    )
    _add_arguments(p)
    p.set_defaults(func=run)


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="IN", help="folder of pages and/or WARC files, or one file")
    p.add_argument("output", metavar="OUT", help="output folder (Spark writes part files in it)")
    p.add_argument("--master", default=None, help="Spark master URL (default: local[*], or what spark-submit set)")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="output format (default jsonl)")
    p.add_argument("--partitions", type=int, default=None, help=f"tasks to split the inputs into (default: {PARTITIONS_PER_CORE} per core, "
                   "or one per WARC file when there are more)")
    p.add_argument("--max-bytes", type=int, default=MAX_INPUT_BYTES,
                   help=f"largest page accepted, after gunzip (default: {MAX_INPUT_BYTES})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=f"seconds per page before it is failed as too slow (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    p.add_argument("--rules", metavar="FILE", default=None, help="user rules file (TOML), read on the driver")


def run(args: argparse.Namespace) -> int:
    """Run the job and print a summary; exit 0 when every page was read, 1 when some failed, 2 on usage errors."""
    problem = input_problem(args.input)
    if problem:
        print(f"cleaner spark: {problem}", file=sys.stderr)
        return 2
    for flag, value in (("--partitions", args.partitions), ("--max-bytes", args.max_bytes), ("--timeout", args.timeout)):
        if value is not None and value <= 0:
            print(f"cleaner spark: {flag} must be positive", file=sys.stderr)
            return 2
    if inside(os.path.realpath(args.input), os.path.realpath(args.output)):
        print("cleaner spark: the output folder must not be the input or contain it", file=sys.stderr)
        return 2
    if os.path.exists(args.output) and not args.overwrite:
        print(f"cleaner spark: output {args.output!r} exists; use --overwrite to replace it", file=sys.stderr)
        return 2
    try:
        checked_rules(args.rules)
    except RulesError as exc:
        print("\n".join(f"cleaner spark: {p}" for p in exc.problems), file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        spark = spark_session(args.master)
    except CleanerError as exc:
        print(f"cleaner spark: {exc}", file=sys.stderr)
        return 2
    spark.sparkContext.setLogLevel("ERROR")
    df, counts_acc = clean_files(spark, args.input, args.partitions, out_dir=args.output,
                                 max_bytes=args.max_bytes, timeout=args.timeout, rules=args.rules)
    writer = df.write.mode("overwrite" if args.overwrite else "errorifexists")
    try:
        if args.format == "parquet":
            writer.parquet(args.output)
        else:
            writer.option("ignoreNullFields", "false").json(args.output)
    except Exception as exc:  # Py4JJavaError, AnalysisException...: report the cause, not the JVM stack
        print(f"cleaner spark: the Spark job failed: {_root_cause(exc)}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    counts = counts_acc.value
    print(summary(counts, elapsed, args.output), file=sys.stderr)
    return 1 if any(key.startswith("failed") for key in counts) else 0


def _root_cause(exc: Exception) -> str:
    """The innermost Java exception of a failed Spark call (or the Python message), on one line."""
    java = getattr(exc, "java_exception", None)
    if java is not None:
        while java.getCause() is not None:
            java = java.getCause()
        return " ".join(java.toString().split())[:500]
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def summary(counts: dict[str, int], seconds: float, output: str) -> str:
    """Human summary of a run: pages cleaned, empty and failed (by reason), WARC records, pages/s."""
    failed = {k[len("failed: "):]: n for k, n in counts.items() if k.startswith("failed: ")}
    ignored = sum(n for k, n in counts.items() if k.startswith("ignored: "))
    cleaned, empty = counts.get("cleaned", 0), counts.get("empty", 0)
    pages = cleaned + empty + sum(failed.values())
    rate = pages / seconds if seconds > 0 else 0.0
    lines = [
        f"cleaner spark: {pages} pages: {cleaned} cleaned, {empty} empty, {sum(failed.values())} failed; "
        f"{seconds:.1f} s with Spark start-up ({rate:.1f} pages/s)"
    ]
    if "warc records" in counts:
        skipped = counts.get(_WARC_SKIPPED, 0)
        lines.append(f"WARC: {counts['warc records']} records read, {skipped} skipped ({_WARC_SKIPPED.split('(')[1]}")
    if ignored:
        lines.append(f"{ignored} files ignored (not pages, symlinks out of the input, special files)")
    lines += [f"  failed: {reason}: {n}" for reason, n in sorted(failed.items())]
    lines.append(f"output: {output} (failed pages are rows whose 'error' says why)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point for spark-submit (which runs a file, not a module): same arguments as ``cleaner spark``."""
    parser = argparse.ArgumentParser(prog="cleaner-spark", description="Clean pages and WARC files on Spark.")
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
