#!/usr/bin/env python3
"""Compares two FlatLab results.csv tables cell by cell, ignoring the timing columns.

Usage: compare-results.py EXPECTED.csv ACTUAL.csv [--ignore COL ...]

The tables must have the same header and the same rows in the same order; every cell except
solve_seconds and case_seconds (wall-clock times, which differ between any two runs) must be the
same text, so numbers must be bit-identical (FlatLab writes round-trip decimal). Exit status 0 when
equal, 1 when they differ (the first differences are printed), 2 on bad input.
"""
import csv
import sys

TIMING = ["solve_seconds", "case_seconds"]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise ValueError(f"{path} is empty (no header)")
    return rows[0], rows[1:]


def main(argv):
    args = [a for a in argv[1:]]
    ignore = list(TIMING)
    if "--ignore" in args:
        k = args.index("--ignore")
        ignore += args[k + 1:]
        args = args[:k]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        head_a, rows_a = read(args[0])
        head_b, rows_b = read(args[1])
    except (OSError, ValueError) as e:
        print(f"compare: {e}", file=sys.stderr)
        return 2

    problems = []
    if head_a != head_b:
        problems.append(f"headers differ:\n  {head_a}\n  {head_b}")
    missing = [c for c in TIMING if c not in head_a]
    if missing:
        # Not an error, but a sign the schema changed under this script.
        print(f"compare: note: timing column(s) {missing} not in the header", file=sys.stderr)
    if len(rows_a) != len(rows_b):
        problems.append(f"row counts differ: {len(rows_a)} vs {len(rows_b)}")

    keep = [i for i, name in enumerate(head_a) if name not in ignore]
    cells = 0
    for r, (ra, rb) in enumerate(zip(rows_a, rows_b), start=1):
        if len(ra) != len(head_a) or len(rb) != len(head_b):
            problems.append(f"row {r}: {len(ra)} / {len(rb)} cells, header has {len(head_a)}")
            continue
        for i in keep:
            cells += 1
            if ra[i] != rb[i]:
                problems.append(f"row {r} ({ra[0]}), column {head_a[i]}: {ra[i]!r} vs {rb[i]!r}")

    if problems:
        print(f"compare: {len(problems)} difference(s) between {args[0]} and {args[1]}:")
        for p in problems[:20]:
            print("  " + p)
        if len(problems) > 20:
            print(f"  ... and {len(problems) - 20} more")
        return 1
    print(f"compare: identical: {len(rows_a)} rows x {len(keep)} columns ({cells} cells),"
          f" ignoring {', '.join(c for c in ignore if c in head_a)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
