"""psycopg2 scenario against cratelite (client-side interpolation, simple query protocol):
python3 psycopg2_scenario.py PGPORT"""
import psycopg2
import psycopg2.extras

from common import COLUMNS, HOST, PORT, ROWS, Checker, DbApiSteps

c = Checker("psycopg2")
T = "clients_psycopg2"
conn = psycopg2.connect(host=HOST, port=PORT, user="crate", dbname="doc")
conn.autocommit = True
cur = conn.cursor()
shared = DbApiSteps(c, cur, T, psycopg2.Error, lambda e: e.pgcode, psycopg2.extras.Json)


def batch():
    cur.executemany(f"INSERT INTO {T} (id, i, txt) VALUES (%s, %s, %s)",
                    [(1000 + n, n, f"batch {n}") for n in range(100)])
    c.eq("executemany rowcount", cur.rowcount, 100)
    cur.execute(f"REFRESH TABLE {T}")
    cur.execute(f"SELECT count(*), sum(i) FROM {T} WHERE id >= 1000")
    c.eq("batch of 100", cur.fetchone(), (100, 4950))


def non_autocommit():
    conn2 = psycopg2.connect(host=HOST, port=PORT, user="crate", dbname="doc")
    try:
        cur2 = conn2.cursor()
        cur2.execute(f"SELECT count(*) FROM {T} WHERE id < 1000")
        c.eq("non-autocommit select", cur2.fetchone(), (3,))
    finally:
        conn2.close()


for name, fn in [("ddl", shared.ddl), ("insert", shared.insert), ("roundtrip", shared.roundtrip), ("aggregate", shared.aggregate),
                 ("update", shared.update), ("error", shared.error_then_ok), ("batch", batch),
                 ("non-autocommit", non_autocommit)]:
    c.step(name, fn)
cur.execute(f"DROP TABLE {T}")
conn.close()
c.finish()
