"""psycopg 3 scenario against cratelite: python3 psycopg3_scenario.py PGPORT"""
import psycopg
from psycopg.types.json import Json

from common import COLUMNS, DDL_COLUMNS, HOST, PORT, ROWS, Checker, check_ts

c = Checker("psycopg3")
T = "clients_psycopg3"
conn = psycopg.connect(host=HOST, port=PORT, user="crate", dbname="doc", autocommit=True)
cur = conn.cursor()


def ddl():
    cur.execute(f"DROP TABLE IF EXISTS {T}")
    cur.execute(f"CREATE TABLE {T} ({DDL_COLUMNS})")
    c.emit("ddl", True)


def insert():
    for r in ROWS:
        params = list(r)
        params[7] = None if r[7] is None else Json(r[7])
        cur.execute(f"INSERT INTO {T} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", params)
        c.eq(f"insert id={r[0]} rowcount", cur.rowcount, 1)
    cur.execute(f"REFRESH TABLE {T}")


def roundtrip():
    cur.execute(f"SELECT {COLUMNS} FROM {T} ORDER BY id")
    rows = cur.fetchall()
    c.eq("roundtrip row count", len(rows), len(ROWS))
    for got, want in zip(rows, ROWS):
        c.eq(f"roundtrip id={want[0]}", tuple(got), want)
        c.emit(f"roundtrip id={want[0]} ts is UTC", check_ts(got[6]), ts=got[6])
    # the same with binary parameters (%b) and binary results
    bcur = conn.cursor(binary=True)
    bcur.execute(f"SELECT {COLUMNS} FROM {T} WHERE id = %b", [1])
    c.eq("roundtrip binary results", tuple(bcur.fetchone()), ROWS[0])
    # parameterized WHERE on unicode text
    cur.execute(f"SELECT id FROM {T} WHERE txt = %s", ["grüße 東京"])
    c.eq("unicode parameter in WHERE", cur.fetchall(), [(1,)])


def aggregate():
    cur.execute(f"SELECT count(*), sum(i), max(big), count(txt) FROM {T}")
    c.eq("aggregate", cur.fetchone(), (3, 35, 9007199254740993, 2))


def update():
    cur.execute(f"UPDATE {T} SET txt = %s WHERE id IN (1, 2)", ["updated"])
    c.eq("update rowcount", cur.rowcount, 2)
    cur.execute(f"REFRESH TABLE {T}")
    cur.execute(f"SELECT count(*) FROM {T} WHERE txt = 'updated'")
    c.eq("update visible", cur.fetchone()[0], 2)


def error_then_ok():
    try:
        cur.execute("SELECT * FROM missing_table_psycopg3")
        c.emit("error raised", False, error="no exception")
    except psycopg.Error as e:
        c.emit("error raised", True, sqlstate=e.sqlstate)
    cur.execute("SELECT 1 + 1")
    c.eq("statement after error", cur.fetchone(), (2,))


def prepared():
    q = f"SELECT txt FROM {T} WHERE id = %s"
    got = []
    for i in [1, 2, 3, 1, 2, 3]:
        cur.execute(q, [i], prepare=True)
        got.append(cur.fetchone()[0])
    c.eq("prepared statement reused", got, ["updated", "updated", None] * 2)


def batch():
    cur.executemany(f"INSERT INTO {T} (id, i, txt) VALUES (%s, %s, %s)",
                    [(1000 + n, n, f"batch {n}") for n in range(100)])
    cur.execute(f"REFRESH TABLE {T}")
    cur.execute(f"SELECT count(*), sum(i) FROM {T} WHERE id >= 1000")
    c.eq("batch of 100", cur.fetchone(), (100, 4950))


def non_autocommit():
    # psycopg's default: BEGIN before statements; CrateDB always reports idle, no COMMIT needed
    with psycopg.connect(host=HOST, port=PORT, user="crate", dbname="doc") as conn2:
        c.eq("non-autocommit select", conn2.execute(f"SELECT count(*) FROM {T} WHERE id < 1000").fetchone(), (3,))


for name, fn in [("ddl", ddl), ("insert", insert), ("roundtrip", roundtrip), ("aggregate", aggregate),
                 ("update", update), ("error", error_then_ok), ("prepared", prepared), ("batch", batch),
                 ("non-autocommit", non_autocommit)]:
    c.step(name, fn)
cur.execute(f"DROP TABLE {T}")
conn.close()
c.finish()
