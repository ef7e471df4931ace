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
import sys
import time
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from cleaner.api import clean
from cleaner.errors import CleanerError
from cleaner.warc import WarcStats, is_warc_path, iter_warc_pages

if TYPE_CHECKING:  # pyspark and pandas are optional: imported where a Spark job is built
    import pandas as pd
    from pyspark.accumulators import Accumulator
    from pyspark.sql import DataFrame, SparkSession

#: File endings read as single pages (each may also end in .gz), as in ``cleaner batch``.
PAGE_SUFFIXES = (".html", ".htm", ".txt")
#: Partitions per core when the user gives none: small tasks keep cores busy despite uneven pages.
PARTITIONS_PER_CORE = 4
#: Rows per pandas frame handed back to Spark: bounds executor memory on WARCs of many pages.
ROWS_PER_FRAME = 256
#: Columns the cleaner adds; every page gets all of them (``error`` set when it could not be read).
CLEANED_FIELDS = ("title", "language", "text", "reason", "error")
#: Schema of ``cleaner spark`` output and of :func:`clean_files` (DDL string, Spark types).
OUTPUT_SCHEMA = (
    "source string, url string, title string, language string, text string, reason string, error string"
)


def page_record(data: bytes | str | None, url: str | None = None, kind: str = "auto") -> dict[str, Any]:
    """Clean one page into the cleaned fields; failures become an ``error`` reason, never an exception."""
    out: dict[str, Any] = dict.fromkeys(CLEANED_FIELDS)
    if data is None:
        out["error"] = "no content (null)"
        return out
    try:
        art = clean(data, url=url, kind=kind)
    except CleanerError as exc:
        out["error"] = str(exc)
        return out
    except Exception as exc:  # a cleaner bug on one odd page must not kill a million-page job
        out["error"] = f"internal error: {type(exc).__name__}: {exc}"
        return out
    out.update(title=art.title, language=art.language, text=art.text, reason=art.reason)
    return out


def list_inputs(root: str) -> list[tuple[str, str]]:
    """(path, source name) of every page file and WARC under ``root``, sorted for a stable order."""
    if os.path.isfile(root):
        return [(root, os.path.basename(root))]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            path = os.path.join(folder, name)
            if is_warc_path(name) or _is_page_file(name):
                found.append((path, os.path.relpath(path, root).replace(os.sep, "/")))
    return sorted(found, key=lambda item: item[1])


def _is_page_file(name: str) -> bool:
    lower = name.lower()
    lower = lower[:-3] if lower.endswith(".gz") else lower
    return lower.endswith(PAGE_SUFFIXES)


def _file_records(path: str, name: str, counts: dict[str, int]) -> Iterator[dict[str, Any]]:
    """Output rows for one input file: one per page, or one per HTML response of a WARC."""
    if is_warc_path(name):
        stats = WarcStats()
        for page in iter_warc_pages(path, name=name, stats=stats):
            if page.error:
                yield {"source": page.source, "url": page.url, **dict.fromkeys(CLEANED_FIELDS), "error": page.error}
            else:
                yield {"source": page.source, "url": page.url, **page_record(page.data, page.url)}
        counts["warc records"] = counts.get("warc records", 0) + stats.records
        counts["warc skipped (not an HTML 2xx response)"] = counts.get(
            "warc skipped (not an HTML 2xx response)", 0
        ) + stats.skipped_type + stats.skipped_status + stats.skipped_non_html
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield {"source": name, "url": None, **dict.fromkeys(CLEANED_FIELDS), "error": f"cannot read file: {exc.strerror or exc}"}
        return
    yield {"source": name, "url": None, **page_record(data)}


def _count(counts: dict[str, int], row: dict[str, Any]) -> None:
    if row["error"]:
        key = "failed: " + row["error"].split(":")[0][:80]
    elif row["text"]:
        key = "cleaned"
    else:
        key = "empty"
    counts[key] = counts.get(key, 0) + 1


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


def clean_files(
    spark: "SparkSession", root: str, partitions: int | None = None
) -> tuple["DataFrame", "Accumulator[dict[str, int]]"]:
    """Lazily clean every page file and WARC under ``root``; returns the DataFrame and its counters.

    Rows follow :data:`OUTPUT_SCHEMA` in the sorted order of the inputs (WARC records in file order).
    The counters ({"cleaned"|"empty"|"failed: <reason>"|"warc ...": n}) fill in when an action runs.
    Paths must be readable on every executor (local disk in local mode, a shared mount on a cluster).
    """
    inputs = list_inputs(root)
    sc = spark.sparkContext
    n = partitions or min(len(inputs), PARTITIONS_PER_CORE * sc.defaultParallelism)
    counts_acc = sc.accumulator({}, _counter_param())
    columns = [field.split()[0] for field in OUTPUT_SCHEMA.split(", ")]

    def clean_partition(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        counts: dict[str, int] = {}

        def rows() -> Iterator[dict[str, Any]]:
            for batch in batches:
                for path, name in zip(batch["path"], batch["name"]):
                    for row in _file_records(path, name, counts):
                        _count(counts, row)
                        yield row

        yield from _frames(rows(), columns)
        counts_acc.add(counts)

    paths = spark.createDataFrame(sc.parallelize(inputs, max(1, n)), "path string, name string")
    return paths.mapInPandas(clean_partition, OUTPUT_SCHEMA), counts_acc


def clean_dataframe(
    df: "DataFrame",
    content_col: str = "html",
    url_col: str | None = None,
    kind: str = "auto",
    keep_content: bool = False,
) -> "DataFrame":
    """Add the cleaned columns to a DataFrame of pages (content as binary or string), for your own jobs.

    Output: the input columns (without ``content_col`` unless ``keep_content``), then
    ``title``, ``language``, ``text``, ``reason`` (why the body is empty) and ``error`` (why the
    page could not be read), all strings; a row never fails, its ``error`` says what went wrong.
    """
    from pyspark.sql.types import StringType, StructField, StructType

    if content_col not in df.columns:
        raise ValueError(f"no column {content_col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if url_col is not None and url_col not in df.columns:
        raise ValueError(f"no column {url_col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    clash = [c for c in CLEANED_FIELDS if c in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(clash)}; rename them first")
    kept = [f for f in df.schema.fields if keep_content or f.name != content_col]
    schema = StructType(kept + [StructField(name, StringType(), True) for name in CLEANED_FIELDS])
    kept_names = [f.name for f in kept]

    def clean_batches(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        import pandas as pd

        for batch in batches:
            urls = batch[url_col] if url_col else [None] * len(batch)
            cleaned = [page_record(_none_if_na(data), _none_if_na(url), kind) for data, url in zip(batch[content_col], urls)]
            out = batch[kept_names].reset_index(drop=True)
            yield pd.concat([out, pd.DataFrame(cleaned, columns=list(CLEANED_FIELDS))], axis=1)

    return df.mapInPandas(clean_batches, schema)


def _none_if_na(value: Any) -> Any:
    """pandas hands nulls over as None, NaN or NA; the cleaner wants None."""
    if value is None or isinstance(value, (bytes, bytearray, str)):
        return value
    import pandas as pd

    return None if pd.isna(value) else value


def spark_session(master: str | None = None, app_name: str = "cleaner") -> "SparkSession":
    """A SparkSession: local mode on all cores unless ``master`` or spark-submit says otherwise."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise CleanerError("pyspark is not installed: pip install 'cleaner[spark]'") from None
    if master is None or master.startswith("local"):
        # local executors run this interpreter, where cleaner and its dependencies are installed
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``spark`` subcommand."""
    p = subparsers.add_parser(
        "spark",
        help="clean a folder of pages or WARC files on Apache Spark (local mode by default)",
        description="Clean every page file (.html/.htm/.txt, optionally .gz) and WARC file "
        "(.warc/.warc.gz) under IN on Spark and write one row per page to the folder OUT.",
    )
    _add_arguments(p)
    p.set_defaults(func=run)


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="IN", help="folder of pages and/or WARC files, or one file")
    p.add_argument("output", metavar="OUT", help="output folder (Spark writes part files in it)")
    p.add_argument("--master", default=None, help="Spark master URL (default: local[*], or what spark-submit set)")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="output format (default jsonl)")
    p.add_argument("--partitions", type=int, default=None, help=f"tasks to split the inputs into (default {PARTITIONS_PER_CORE} per core)")
    p.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")


def run(args: argparse.Namespace) -> int:
    """Run the job and print a summary; exit 0 when every page was read, 1 when some failed, 2 on usage errors."""
    if not os.path.exists(args.input):
        print(f"cleaner spark: input {args.input!r} does not exist", file=sys.stderr)
        return 2
    if args.partitions is not None and args.partitions < 1:
        print("cleaner spark: --partitions must be at least 1", file=sys.stderr)
        return 2
    if os.path.exists(args.output) and not args.overwrite:
        print(f"cleaner spark: output {args.output!r} exists; use --overwrite to replace it", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        spark = spark_session(args.master)
    except CleanerError as exc:
        print(f"cleaner spark: {exc}", file=sys.stderr)
        return 2
    spark.sparkContext.setLogLevel("ERROR")
    df, counts_acc = clean_files(spark, args.input, args.partitions)
    writer = df.write.mode("overwrite" if args.overwrite else "errorifexists")
    if args.format == "parquet":
        writer.parquet(args.output)
    else:
        writer.option("ignoreNullFields", "false").json(args.output)
    elapsed = time.perf_counter() - started
    counts = counts_acc.value
    print(summary(counts, elapsed, args.output), file=sys.stderr)
    return 1 if any(key.startswith("failed") for key in counts) else 0


def summary(counts: dict[str, int], seconds: float, output: str) -> str:
    """Human summary of a run: pages, cleaned, empty, failed by reason, pages/s."""
    failed = {k[len("failed: "):]: n for k, n in counts.items() if k.startswith("failed: ")}
    pages = counts.get("cleaned", 0) + counts.get("empty", 0) + sum(failed.values())
    lines = [
        f"pages {pages}, cleaned {counts.get('cleaned', 0)}, empty {counts.get('empty', 0)}, "
        f"failed {sum(failed.values())}; {seconds:.1f} s, {pages / seconds if seconds else 0:.1f} pages/s",
    ]
    if "warc records" in counts:
        lines.append(
            f"WARC records {counts['warc records']}, skipped (not an HTML 2xx response) "
            f"{counts.get('warc skipped (not an HTML 2xx response)', 0)}"
        )
    lines += [f"  failed ({reason}): {n}" for reason, n in sorted(failed.items())]
    lines.append(f"output: {output} (failed pages are rows with an 'error')")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point for spark-submit (which runs a file, not a module): same arguments as ``cleaner spark``."""
    parser = argparse.ArgumentParser(prog="cleaner-spark", description="Clean pages and WARC files on Spark.")
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
