"""Shared helpers for the Python client scenarios (run with Debian's /usr/bin/python3).

Every scenario prints one JSON line per step, {"client", "step", "ok", ...}, records all
mismatches, and at the end prints `OK` and exits 0, or prints `FAILED n` and exits 1.
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

PORT = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PGPORT", "5432"))
HOST = "127.0.0.1"

TS = datetime(2024, 2, 29, 13, 14, 15, 123000, tzinfo=timezone.utc)
ROWS = [
    # id, int, bigint, double, text, boolean, timestamptz, object, int array, text array
    (1, 42, 9007199254740993, 3.141592653589793, "grüße 東京", True, TS,
     {"a": 1, "b": "x", "nested": {"c": [1, 2]}}, [1, 2, 3], ["a", "b"]),
    (2, -7, -5, -0.5, "plain", False, datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
     {}, [], []),
    (3, None, None, None, None, None, None, None, None, None),
]
COLUMNS = "id, i, big, dbl, txt, flag, ts, obj, arr, tags"
DDL_COLUMNS = ("id int primary key, i int, big bigint, dbl double precision, txt text, flag boolean, "
               "ts timestamp with time zone, obj object, arr array(integer), tags array(text)")


class Checker:
    def __init__(self, client):
        self.client = client
        self.failures = 0

    def emit(self, step, ok, **extra):
        print(json.dumps({"client": self.client, "step": step, "ok": ok, **extra},
                         default=repr, ensure_ascii=False), flush=True)
        if not ok:
            self.failures += 1

    def eq(self, step, actual, expected):
        self.emit(step, actual == expected, **({} if actual == expected else
                                                {"actual": actual, "expected": expected}))

    def step(self, name, fn):
        """Run fn(); an exception is a failed step (the scenario continues)."""
        try:
            fn()
        except Exception as e:  # noqa: BLE001
            self.emit(name, False, error=f"{type(e).__name__}: {e}")

    def finish(self):
        if self.failures:
            print(f"FAILED {self.failures}", flush=True)
            sys.exit(1)
        print("OK", flush=True)
        sys.exit(0)


def check_ts(actual):
    """timestamps must come back tz-aware, in UTC, equal to the inserted instant"""
    return actual is None or (actual.tzinfo is not None and actual.utcoffset() == timedelta(0))


class DbApiSteps:
    """The scenario steps psycopg 2 and 3 share (both DB-API 2.0 with `%s` parameters)."""

    def __init__(self, c, cur, table, error_class, sqlstate_of, json_param):
        self.c, self.cur, self.t = c, cur, table
        self.error_class, self.sqlstate_of, self.json_param = error_class, sqlstate_of, json_param

    def ddl(self):
        self.cur.execute(f"DROP TABLE IF EXISTS {self.t}")
        self.cur.execute(f"CREATE TABLE {self.t} ({DDL_COLUMNS})")
        self.c.emit("ddl", True)

    def insert(self):
        c, cur, t = self.c, self.cur, self.t
        for r in ROWS:
            params = list(r)
            params[7] = None if r[7] is None else self.json_param(r[7])
            cur.execute(f"INSERT INTO {t} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", params)
            c.eq(f"insert id={r[0]} rowcount", cur.rowcount, 1)
        cur.execute(f"REFRESH TABLE {t}")

    def roundtrip(self):
        c, cur, t = self.c, self.cur, self.t
        cur.execute(f"SELECT {COLUMNS} FROM {t} ORDER BY id")
        rows = cur.fetchall()
        c.eq("roundtrip row count", len(rows), len(ROWS))
        for got, want in zip(rows, ROWS):
            c.eq(f"roundtrip id={want[0]}", tuple(got), want)
            c.emit(f"roundtrip id={want[0]} ts is UTC", check_ts(got[6]), ts=got[6])
        cur.execute(f"SELECT id FROM {t} WHERE txt = %s", ["grüße 東京"])
        c.eq("unicode parameter in WHERE", cur.fetchall(), [(1,)])

    def aggregate(self):
        self.cur.execute(f"SELECT count(*), sum(i), max(big), count(txt) FROM {self.t}")
        self.c.eq("aggregate", self.cur.fetchone(), (3, 35, 9007199254740993, 2))

    def update(self):
        c, cur, t = self.c, self.cur, self.t
        cur.execute(f"UPDATE {t} SET txt = %s WHERE id IN (1, 2)", ["updated"])
        c.eq("update rowcount", cur.rowcount, 2)
        cur.execute(f"REFRESH TABLE {t}")
        cur.execute(f"SELECT count(*) FROM {t} WHERE txt = 'updated'")
        c.eq("update visible", cur.fetchone()[0], 2)

    def error_then_ok(self):
        try:
            self.cur.execute(f"SELECT * FROM missing_table_{self.t}")
            self.c.emit("error raised", False, error="no exception")
        except self.error_class as e:
            self.c.emit("error raised", True, sqlstate=self.sqlstate_of(e))
        self.cur.execute("SELECT 1 + 1")
        self.c.eq("statement after error", self.cur.fetchone(), (2,))
