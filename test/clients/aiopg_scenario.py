"""aiopg scenario against cratelite (psycopg2 in asynchronous mode: client-side interpolation,
simple query protocol, always autocommit): python3 aiopg_scenario.py PGPORT

aiopg has no server-side prepared statements and no executemany (psycopg2 refuses it in async
mode), so "prepared statement reused" is one parameterized statement run repeatedly, and the
batch is one INSERT with 100 rows of parameters plus 100 concurrent INSERTs from a pool.
"""
import asyncio

import aiopg
import psycopg2
from psycopg2.extras import Json

from common import COLUMNS, DDL_COLUMNS, HOST, PORT, ROWS, Checker, check_ts

c = Checker("aiopg")
T = "clients_aiopg"
DSN = f"host={HOST} port={PORT} user=crate dbname=doc"


async def main():
    # enable_hstore (the default) runs aiopg's pg_type lookup of 'hstore' on connect
    conn = await aiopg.connect(DSN, timeout=20)
    cur = await conn.cursor()

    async def step(name, coro_fn):
        try:
            await coro_fn()
        except Exception as e:  # noqa: BLE001
            c.emit(name, False, error=f"{type(e).__name__}: {e}")

    async def ddl():
        await cur.execute(f"DROP TABLE IF EXISTS {T}")
        await cur.execute(f"CREATE TABLE {T} ({DDL_COLUMNS})")
        c.emit("ddl", True)

    async def insert():
        for r in ROWS:
            params = list(r)
            params[7] = None if r[7] is None else Json(r[7])
            await cur.execute(f"INSERT INTO {T} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", params)
            c.eq(f"insert id={r[0]} rowcount", cur.rowcount, 1)
        await cur.execute(f"REFRESH TABLE {T}")

    async def roundtrip():
        await cur.execute(f"SELECT {COLUMNS} FROM {T} ORDER BY id")
        rows = await cur.fetchall()
        c.eq("roundtrip row count", len(rows), len(ROWS))
        for got, want in zip(rows, ROWS):
            c.eq(f"roundtrip id={want[0]}", tuple(got), want)
            c.emit(f"roundtrip id={want[0]} ts is UTC", check_ts(got[6]), ts=got[6])
        await cur.execute(f"SELECT id FROM {T} WHERE txt = %s", ["grüße 東京"])
        c.eq("unicode parameter in WHERE", await cur.fetchall(), [(1,)])
        c.eq("cursor.description names", [d.name for d in cur.description], ["id"])

    async def aggregate():
        await cur.execute(f"SELECT count(*), sum(i), max(big), count(txt) FROM {T}")
        c.eq("aggregate", await cur.fetchone(), (3, 35, 9007199254740993, 2))

    async def update():
        await cur.execute(f"UPDATE {T} SET txt = %s WHERE id IN (1, 2)", ["updated"])
        c.eq("update rowcount", cur.rowcount, 2)
        await cur.execute(f"REFRESH TABLE {T}")
        await cur.execute(f"SELECT count(*) FROM {T} WHERE txt = 'updated'")
        c.eq("update visible", (await cur.fetchone())[0], 2)

    async def error_then_ok():
        try:
            await cur.execute("SELECT * FROM missing_table_aiopg")
            c.emit("error raised", False, error="no exception")
        except psycopg2.Error as e:
            c.emit("error raised", True, sqlstate=e.pgcode)
        await cur.execute("SELECT 1 + 1")
        c.eq("statement after error", await cur.fetchone(), (2,))

    async def prepared():
        got = []
        for i in [1, 2, 3, 1, 2, 3]:
            await cur.execute(f"SELECT txt FROM {T} WHERE id = %s", [i])
            got.append((await cur.fetchone())[0])
        c.eq("same parameterized statement reused", got, ["updated", "updated", None] * 2)

    async def batch():
        values = ", ".join(["(%s, %s, %s)"] * 100)
        params = [v for n in range(100) for v in (1000 + n, n, f"batch {n}")]
        await cur.execute(f"INSERT INTO {T} (id, i, txt) VALUES {values}", params)
        c.eq("multi-row insert rowcount", cur.rowcount, 100)
        await cur.execute(f"REFRESH TABLE {T}")
        await cur.execute(f"SELECT count(*), sum(i) FROM {T} WHERE id >= 1000")
        c.eq("batch of 100", await cur.fetchone(), (100, 4950))

    async def pool():
        async with aiopg.create_pool(DSN, minsize=1, maxsize=4, timeout=20) as p:
            async def one(n):
                async with p.acquire() as pc:
                    async with pc.cursor() as pcur:
                        await pcur.execute(f"INSERT INTO {T} (id, i, txt) VALUES (%s, %s, %s)", [2000 + n, n, f"pool {n}"])
                        return pcur.rowcount
            counts = await asyncio.gather(*(one(n) for n in range(100)))
            c.eq("pool: 100 concurrent inserts, rowcount 1 each", counts, [1] * 100)
            c.eq("pool size at most 4", p.size <= 4, True)
            async with p.acquire() as pc:
                async with pc.cursor() as pcur:
                    await pcur.execute(f"REFRESH TABLE {T}")
                    await pcur.execute(f"SELECT count(*), sum(i) FROM {T} WHERE id >= 2000")
                    c.eq("pool rows visible", await pcur.fetchone(), (100, 4950))

    async def transaction():
        # aiopg's Transaction sends BEGIN / COMMIT; CrateDB accepts and ignores both
        async with cur.begin():
            await cur.execute(f"SELECT count(*) FROM {T} WHERE id < 1000")
            c.eq("select inside BEGIN/COMMIT", await cur.fetchone(), (3,))

    for name, fn in [("ddl", ddl), ("insert", insert), ("roundtrip", roundtrip), ("aggregate", aggregate),
                     ("update", update), ("error", error_then_ok), ("prepared", prepared), ("batch", batch),
                     ("pool", pool), ("transaction", transaction)]:
        await step(name, fn)
    await cur.execute(f"DROP TABLE {T}")
    cur.close()
    await conn.close()


asyncio.run(asyncio.wait_for(main(), 60))
c.finish()
