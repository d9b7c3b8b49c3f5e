"""psqlODBC scenario against cratelite: pyodbc -> unixODBC driver manager -> psqlODBC (driver
"PostgreSQL Unicode", registered in /etc/odbcinst.ini by Debian's odbc-postgresql):
python3 odbc_scenario.py PGPORT

psqlODBC prepares on the server (UseServerSidePrepare=1, its default): `?` parameters go out as
Parse/Bind/Execute. BoolsAsChar=0 makes booleans SQL_BIT (the default, 1, reports them as
'1'/'0' strings). ODBC timestamps carry no zone: the session's TimeZone is UTC, so values come
back as naive UTC datetimes. Objects come back as JSON text, arrays as PostgreSQL array text.
"""
import json

import pyodbc

from common import COLUMNS, DDL_COLUMNS, HOST, PORT, ROWS, Checker

c = Checker("odbc")
T = "clients_odbc"
CONN = (f"DRIVER={{PostgreSQL Unicode}};SERVER={HOST};PORT={PORT};DATABASE=doc;UID=crate;PWD=;"
        "BoolsAsChar=0;ConnSettings=;")


def pg_array(values):
    """a PostgreSQL array literal, as a text parameter"""
    if values is None:
        return None
    return "{" + ",".join(json.dumps(v) if isinstance(v, str) else str(v) for v in values) + "}"


def parse_array(text, conv):
    if text is None:
        return None
    inner = text[1:-1]
    if inner == "":
        return []
    return [conv(json.loads(v) if v.startswith('"') else v) for v in inner.split(",")]


def as_params(r):
    p = list(r)
    p[6] = None if r[6] is None else r[6].replace(tzinfo=None)  # naive UTC
    p[7] = None if r[7] is None else json.dumps(r[7])
    p[8] = pg_array(r[8])
    p[9] = pg_array(r[9])
    return p


def from_row(row):
    g = list(row)
    g[6] = None if g[6] is None else g[6].replace(tzinfo=ROWS[0][6].tzinfo)
    g[7] = None if g[7] is None else json.loads(g[7])
    g[8] = parse_array(g[8], int)
    g[9] = parse_array(g[9], str)
    return tuple(g)


conn = pyodbc.connect(CONN, autocommit=True, timeout=20)
cur = conn.cursor()


def info():
    c.eq("SQL_DBMS_NAME / SQL_DBMS_VER", (conn.getinfo(pyodbc.SQL_DBMS_NAME), conn.getinfo(pyodbc.SQL_DBMS_VER)),
         ("PostgreSQL", "14.0.0"))


def ddl():
    cur.execute(f"DROP TABLE IF EXISTS {T}")
    cur.execute(f"CREATE TABLE {T} ({DDL_COLUMNS})")
    c.emit("ddl", True)


def insert():
    for r in ROWS:
        cur.execute(f"INSERT INTO {T} ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", *as_params(r))
        c.eq(f"insert id={r[0]} rowcount", cur.rowcount, 1)
    cur.execute(f"REFRESH TABLE {T}")


def roundtrip():
    cur.execute(f"SELECT {COLUMNS} FROM {T} ORDER BY id")
    c.eq("result column types", [d[1].__name__ for d in cur.description],
         ["int", "int", "int", "float", "str", "bool", "datetime", "str", "str", "str"])
    rows = cur.fetchall()
    c.eq("roundtrip row count", len(rows), len(ROWS))
    for got, want in zip(rows, ROWS):
        c.eq(f"roundtrip id={want[0]}", from_row(got), want)
    cur.execute(f"SELECT id FROM {T} WHERE txt = ?", "grüße 東京")
    c.eq("unicode parameter in WHERE", [tuple(r) for r in cur.fetchall()], [(1,)])


def long_text():
    # longer than psqlODBC's MaxVarcharSize (255): fetched in pieces by SQLGetData
    s = "ÿ東" * 5000
    cur.execute(f"UPDATE {T} SET txt = ? WHERE id = 3", s)
    cur.execute(f"REFRESH TABLE {T}")
    cur.execute(f"SELECT txt, char_length(txt) FROM {T} WHERE id = 3")
    c.eq("10 000-character text round trip", tuple(cur.fetchone()), (s, 10000))
    cur.execute(f"UPDATE {T} SET txt = NULL WHERE id = 3")
    cur.execute(f"REFRESH TABLE {T}")


def aggregate():
    cur.execute(f"SELECT count(*), sum(i), max(big), count(txt) FROM {T}")
    c.eq("aggregate", tuple(cur.fetchone()), (3, 35, 9007199254740993, 2))


def update():
    cur.execute(f"UPDATE {T} SET txt = ? WHERE id IN (1, 2)", "updated")
    c.eq("update rowcount", cur.rowcount, 2)
    cur.execute(f"REFRESH TABLE {T}")
    cur.execute(f"SELECT count(*) FROM {T} WHERE txt = 'updated'")
    c.eq("update visible", cur.fetchone()[0], 2)


def error_then_ok():
    try:
        cur.execute("SELECT * FROM missing_table_odbc")
        c.emit("error raised", False, error="no exception")
    except pyodbc.Error as e:
        c.emit("error raised", e.args[0] == "42P01" and "Relation 'missing_table_odbc' unknown" in e.args[1],
               sqlstate=e.args[0], message=e.args[1])
    cur.execute("SELECT 1 + 1")
    c.eq("statement after error", cur.fetchone()[0], 2)


def prepared():
    # pyodbc keeps the statement prepared while the SQL text stays the same (SQLPrepare once,
    # SQLExecute per call); psqlODBC prepares it on the server
    got = []
    for i in [1, 2, 3, 1, 2, 3]:
        cur.execute(f"SELECT txt, ts FROM {T} WHERE id = ?", i)
        row = cur.fetchone()
        got.append((row[0], None if row[1] is None else row[1].isoformat()))
    once = [("updated", "2024-02-29T13:14:15.123000"), ("updated", "1999-12-31T23:59:59"), (None, None)]
    c.eq("prepared statement reused", got, once * 2)


def batch():
    rows = [(1000 + n, n, f"batch {n}") for n in range(100)]
    cur.executemany(f"INSERT INTO {T} (id, i, txt) VALUES (?, ?, ?)", rows[:50])
    # parameter arrays (SQL_ATTR_PARAMSET_SIZE): one SQLExecute for all 50 rows
    cur.fast_executemany = True
    cur.executemany(f"INSERT INTO {T} (id, i, txt) VALUES (?, ?, ?)", rows[50:])
    cur.fast_executemany = False
    cur.execute(f"REFRESH TABLE {T}")
    cur.execute(f"SELECT count(*), sum(i) FROM {T} WHERE id >= 1000")
    c.eq("batch of 100", tuple(cur.fetchone()), (100, 4950))


def catalog_functions():
    tables = [(r.table_schem, r.table_name, r.table_type) for r in cur.tables(schema="doc", table=T)]
    c.eq("SQLTables", tables, [("doc", T, "TABLE")])
    cols = [(r.column_name, r.type_name, r.ordinal_position) for r in cur.columns(schema="doc", table=T)]
    c.eq("SQLColumns", cols, [("id", "int4", 1), ("i", "int4", 2), ("big", "int8", 3), ("dbl", "float8", 4),
                              ("txt", "varchar", 5), ("flag", "bool", 6), ("ts", "timestamptz", 7), ("obj", "json", 8),
                              ("arr", "_int4", 9), ("tags", "_varchar", 10),
                              # sub-columns the dynamic object gained from the inserted values
                              ("obj['a']", "int8", 11), ("obj['b']", "varchar", 12), ("obj['nested']", "json", 13),
                              ("obj['nested']['c']", "_int8", 14)])
    # psqlODBC reads key columns from pg_attribute rows of the index relation; CrateDB has none
    c.eq("SQLPrimaryKeys (empty, as with CrateDB)", [tuple(r) for r in cur.primaryKeys(T, schema="doc")], [])


for name, fn in [("info", info), ("ddl", ddl), ("insert", insert), ("roundtrip", roundtrip), ("long text", long_text),
                 ("aggregate", aggregate), ("update", update), ("error", error_then_ok), ("prepared", prepared),
                 ("batch", batch), ("catalog functions", catalog_functions)]:
    c.step(name, fn)
cur.execute(f"DROP TABLE {T}")
conn.close()
c.finish()
