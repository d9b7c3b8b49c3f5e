"""psycopg 3 scenario against cratelite: python3 psycopg3_scenario.py PGPORT"""
import psycopg
from psycopg.types.json import Json

from common import COLUMNS, HOST, PORT, ROWS, Checker, DbApiSteps

c = Checker("psycopg3")
T = "clients_psycopg3"
conn = psycopg.connect(host=HOST, port=PORT, user="crate", dbname="doc", autocommit=True)
cur = conn.cursor()
shared = DbApiSteps(c, cur, T, psycopg.Error, lambda e: e.sqlstate, Json)


def roundtrip():
    shared.roundtrip()
    # the same with binary parameters (%b) and binary results
    bcur = conn.cursor(binary=True)
    bcur.execute(f"SELECT {COLUMNS} FROM {T} WHERE id = %b", [1])
    c.eq("roundtrip binary results", tuple(bcur.fetchone()), ROWS[0])


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


for name, fn in [("ddl", shared.ddl), ("insert", shared.insert), ("roundtrip", roundtrip), ("aggregate", shared.aggregate),
                 ("update", shared.update), ("error", shared.error_then_ok), ("prepared", prepared), ("batch", batch),
                 ("non-autocommit", non_autocommit)]:
    c.step(name, fn)
cur.execute(f"DROP TABLE {T}")
conn.close()
c.finish()
