"""SQLAlchemy 1.4 (postgresql+psycopg2 dialect) and pandas to_sql / read_sql against cratelite:
python3 sqlalchemy_pandas_scenario.py PGPORT

Findings this scenario pins down (CrateDB answers the same way):
- The stock dialect parses `select pg_catalog.version()` and needs it to start with
  `PostgreSQL`; CrateDB's starts with `CrateDB`, so connecting fails. A three-line dialect
  subclass that reads `SHOW server_version` (14.0) instead is all it takes.
- pandas' own DDL: `index=True` (the default) emits a column named `index`, a reserved word
  in CrateDB; float64 columns become `FLOAT(53)`, which CrateDB rejects ("The 'float' type
  doesn't support type parameters."). With index=False and dtype=DOUBLE_PRECISION, or with
  a table created first and if_exists='append', to_sql works.
- Table reflection (read_sql_table, Inspector.get_columns, and so to_sql if_exists='replace'
  of an existing table, which reflects it to drop it) fails: the dialect's column query uses
  `AS DEFAULT` as an alias, a reserved word in CrateDB. read_sql with a query works.
psycopg2 has no server-side prepared statements: "same compiled statement reused" runs one
SQLAlchemy statement object with different bound values (compiled once, cached).
"""
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, registry
from sqlalchemy.dialects.postgresql.psycopg2 import PGDialect_psycopg2

from common import DDL_COLUMNS, HOST, PORT, ROWS, Checker, check_ts

c = Checker("sqlalchemy")
T = "clients_sqlalchemy"
URL = f"crate@{HOST}:{PORT}/doc"


class CrateliteDialect(PGDialect_psycopg2):
    """postgresql+psycopg2, except the server version comes from SHOW server_version"""
    supports_statement_cache = True

    def _get_server_version_info(self, connection):
        return tuple(int(x) for x in connection.exec_driver_sql("SHOW server_version").scalar().split("."))


registry.register("postgresql.psycopg2_crate", __name__, "CrateliteDialect")

meta = sa.MetaData()
tbl = sa.Table(
    T, meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("i", sa.Integer),
    sa.Column("big", sa.BigInteger),
    sa.Column("dbl", postgresql.DOUBLE_PRECISION),
    sa.Column("txt", sa.Text),
    sa.Column("flag", sa.Boolean),
    sa.Column("ts", sa.DateTime(timezone=True)),
    sa.Column("obj", postgresql.JSON(none_as_null=True)),
    sa.Column("arr", postgresql.ARRAY(sa.Integer)),
    sa.Column("tags", postgresql.ARRAY(sa.Text)),
)
NAMES = [col.name for col in tbl.columns]


def stock_dialect():
    stock = sa.create_engine(f"postgresql+psycopg2://{URL}")
    try:
        with stock.connect():
            c.emit("stock dialect: version() not parsed (as with CrateDB)", False, error="connected")
    except AssertionError as e:
        c.emit("stock dialect: version() not parsed (as with CrateDB)", "CrateDB" in str(e), message=str(e))
    finally:
        stock.dispose()


engine = sa.create_engine(f"postgresql+psycopg2_crate://{URL}")
conn = engine.connect()


def ddl():
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {T}")
    conn.exec_driver_sql(f"CREATE TABLE {T} ({DDL_COLUMNS})")
    c.eq("dialect server_version_info", engine.dialect.server_version_info, (14, 0))
    c.eq("dialect default_schema_name", engine.dialect.default_schema_name, "doc")
    c.eq("has_table", sa.inspect(conn).has_table(T), True)
    c.emit("ddl", True)


def insert():
    for r in ROWS:
        res = conn.execute(tbl.insert(), dict(zip(NAMES, r)))
        c.eq(f"insert id={r[0]} rowcount", res.rowcount, 1)
    conn.exec_driver_sql(f"REFRESH TABLE {T}")


def roundtrip():
    rows = conn.execute(sa.select(tbl).order_by(tbl.c.id)).fetchall()
    c.eq("roundtrip row count", len(rows), len(ROWS))
    for got, want in zip(rows, ROWS):
        c.eq(f"roundtrip id={want[0]}", tuple(got), want)
        c.emit(f"roundtrip id={want[0]} ts is UTC", check_ts(got.ts), ts=got.ts)
    got = conn.execute(sa.select(tbl.c.id).where(tbl.c.txt == "grüße 東京")).fetchall()
    c.eq("unicode parameter in WHERE", [tuple(r) for r in got], [(1,)])


def aggregate():
    q = sa.select(sa.func.count(), sa.func.sum(tbl.c.i), sa.func.max(tbl.c.big), sa.func.count(tbl.c.txt))
    c.eq("aggregate", tuple(conn.execute(q).one()), (3, 35, 9007199254740993, 2))


def update():
    res = conn.execute(tbl.update().where(tbl.c.id.in_([1, 2])).values(txt="updated"))
    c.eq("update rowcount", res.rowcount, 2)
    conn.exec_driver_sql(f"REFRESH TABLE {T}")
    c.eq("update visible", conn.execute(sa.select(sa.func.count()).where(tbl.c.txt == "updated")).scalar(), 2)


def error_then_ok():
    try:
        conn.exec_driver_sql("SELECT * FROM missing_table_sqlalchemy")
        c.emit("error raised", False, error="no exception")
    except sa.exc.ProgrammingError as e:
        c.emit("error raised", True, sqlstate=e.orig.pgcode)
    c.eq("statement after error", conn.execute(sa.text("SELECT 1 + 1")).scalar(), 2)


def prepared():
    stmt = sa.select(tbl.c.txt).where(tbl.c.id == sa.bindparam("wanted"))
    got = [conn.execute(stmt, {"wanted": i}).scalar() for i in [1, 2, 3, 1, 2, 3]]
    c.eq("same compiled statement reused", got, ["updated", "updated", None] * 2)


def batch():
    # executemany: the psycopg2 dialect's default sends one multi-row INSERT (execute_values)
    res = conn.execute(tbl.insert(), [{"id": 1000 + n, "i": n, "txt": f"batch {n}"} for n in range(100)])
    c.eq("executemany rowcount", res.rowcount, 100)
    conn.exec_driver_sql(f"REFRESH TABLE {T}")
    q = sa.select(sa.func.count(), sa.func.sum(tbl.c.i)).where(tbl.c.id >= 1000)
    c.eq("batch of 100", tuple(conn.execute(q).one()), (100, 4950))


def frame():
    return pd.DataFrame({
        "name": ["a", "grüße 東京", None],
        "n": [1, 9007199254740993, -3],
        "x": [0.5, None, 3.141592653589793],
        "flag": [True, False, True],
        "ts": pd.to_datetime(["2024-02-29T13:14:15.123Z", "1999-12-31T23:59:59Z", None], utc=True),
    })


def read_back(table):
    return pd.read_sql(f"SELECT name, n, x, flag, ts FROM {table} ORDER BY n", engine)


def expected():
    return frame().sort_values("n").reset_index(drop=True)


def pandas_default_ddl():
    """pandas' own CREATE TABLE, unchanged: rejected exactly like CrateDB rejects it"""
    df = frame()
    for what, kwargs, message in [
        ("index column named index", {}, "mismatched input ','"),
        ("FLOAT(53)", {"index": False}, "The 'float' type doesn't support type parameters."),
    ]:
        try:
            df.to_sql("clients_pandas_default", engine, if_exists="replace", **kwargs)
            c.emit(f"to_sql default DDL rejected: {what}", False, error="no exception")
        except sa.exc.DBAPIError as e:
            c.emit(f"to_sql default DDL rejected: {what}", message in str(e.orig), message=str(e.orig))
    c.eq("no table left behind", sa.inspect(engine).has_table("clients_pandas_default"), False)


def pandas_create():
    """to_sql creates the table: index=False and DOUBLE PRECISION for float columns"""
    n = frame().to_sql("clients_pandas", engine, index=False, if_exists="replace",
                       dtype={"x": postgresql.DOUBLE_PRECISION})
    c.eq("to_sql (create) rows", n, 3)
    with engine.connect() as c2:
        c2.exec_driver_sql("REFRESH TABLE clients_pandas")
        types = c2.exec_driver_sql("SELECT column_name, data_type FROM information_schema.columns "
                                   "WHERE table_name = 'clients_pandas' ORDER BY ordinal_position").fetchall()
    c.eq("to_sql (create) column types", [tuple(t) for t in types], [
        ("name", "text"), ("n", "bigint"), ("x", "double precision"), ("flag", "boolean"),
        ("ts", "timestamp with time zone")])
    got = read_back("clients_pandas")
    c.eq("read_sql dtypes", [str(t) for t in got.dtypes], ["object", "int64", "float64", "bool", "datetime64[ns, UTC]"])
    try:
        pd.testing.assert_frame_equal(got, expected())
        c.emit("to_sql (create) / read_sql round trip", True)
    except AssertionError as e:
        c.emit("to_sql (create) / read_sql round trip", False, error=str(e), got=got.to_dict("records"))
    # if_exists='replace' of an existing table: pandas reflects the table to drop it
    try:
        frame().to_sql("clients_pandas", engine, index=False, if_exists="replace")
        c.emit("to_sql replace of an existing table needs reflection (fails as with CrateDB)", False,
               error="no exception: reflection works now")
    except sa.exc.ProgrammingError as e:
        c.emit("to_sql replace of an existing table needs reflection (fails as with CrateDB)",
               "mismatched input 'DEFAULT'" in str(e.orig), message=str(e.orig).split("\n")[0])
    c.eq("table untouched by the failed replace", len(read_back("clients_pandas")), 3)


def pandas_append():
    """the table created first with CrateDB DDL, then to_sql(if_exists='append')"""
    with engine.connect() as c2:
        c2.exec_driver_sql("DROP TABLE IF EXISTS clients_pandas_append")
        c2.exec_driver_sql("CREATE TABLE clients_pandas_append (name text, n bigint, x double precision, "
                           "flag boolean, ts timestamp with time zone)")
    df = frame()
    c.eq("to_sql (append) rows", df.to_sql("clients_pandas_append", engine, index=False, if_exists="append"), 3)
    big = pd.DataFrame({"name": [f"r{k}" for k in range(100)], "n": range(1000, 1100), "x": [k / 4 for k in range(100)],
                        "flag": [k % 2 == 0 for k in range(100)],
                        "ts": pd.date_range("2024-01-01", periods=100, freq="h", tz="UTC")})
    c.eq("to_sql (append) 100 rows in chunks of 30", big.to_sql("clients_pandas_append", engine, index=False,
                                                               if_exists="append", chunksize=30), 100)
    with engine.connect() as c2:
        c2.exec_driver_sql("REFRESH TABLE clients_pandas_append")
    got = pd.read_sql("SELECT name, n, x, flag, ts FROM clients_pandas_append WHERE n NOT BETWEEN 1000 AND 1099 ORDER BY n", engine)
    try:
        pd.testing.assert_frame_equal(got, expected())
        c.emit("to_sql (append) / read_sql round trip", True)
    except AssertionError as e:
        c.emit("to_sql (append) / read_sql round trip", False, error=str(e), got=got.to_dict("records"))
    agg = pd.read_sql("SELECT count(*) AS c, sum(n) AS s FROM clients_pandas_append WHERE n BETWEEN 1000 AND 1099", engine)
    c.eq("read_sql aggregate over the 100", agg.to_dict("records"), [{"c": 100, "s": 104950}])
    chunks = list(pd.read_sql(sa.text("SELECT n FROM clients_pandas_append WHERE n BETWEEN :lo AND :hi ORDER BY n"), engine,
                              params={"lo": 1000, "hi": 1099}, chunksize=40))
    c.eq("read_sql chunksize=40 with a parameter", [len(ch) for ch in chunks], [40, 40, 20])


def pandas_read_table():
    try:
        pd.read_sql_table("clients_pandas", engine)
        c.emit("read_sql_table reflection fails (AS DEFAULT, as with CrateDB)", False,
               error="no exception: reflection works now, turn this into a round trip")
    except sa.exc.ProgrammingError as e:
        c.emit("read_sql_table reflection fails (AS DEFAULT, as with CrateDB)",
               "mismatched input 'DEFAULT'" in str(e.orig), message=str(e.orig))


for name, fn in [("stock dialect", stock_dialect), ("ddl", ddl), ("insert", insert), ("roundtrip", roundtrip),
                 ("aggregate", aggregate), ("update", update), ("error", error_then_ok), ("prepared", prepared),
                 ("batch", batch), ("pandas default DDL", pandas_default_ddl), ("pandas create", pandas_create),
                 ("pandas append", pandas_append), ("pandas read_sql_table", pandas_read_table)]:
    c.step(name, fn)
for t in [T, "clients_pandas", "clients_pandas_append"]:
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {t}")
conn.close()
engine.dispose()
c.finish()
