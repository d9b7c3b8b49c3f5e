// pgjdbc scenario against cratelite:
//   javac -d OUT JdbcScenario.java && java -cp OUT:/usr/share/java/postgresql.jar JdbcScenario PGPORT
// Prints one JSON line per step and `OK` (exit 0) or `FAILED n` (exit 1).
import java.sql.*;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.*;
import org.postgresql.util.PGobject;

public class JdbcScenario {
    static int failures = 0;
    static final String T = "clients_jdbc";

    static String js(Object o) {
        if (o == null) return "null";
        if (o instanceof Object[]) return js(Arrays.asList((Object[]) o));
        String s = String.valueOf(o).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "\"" + s + "\"";
    }

    static void emit(String step, boolean ok, String extra) {
        System.out.println("{\"client\": \"jdbc\", \"step\": " + js(step) + ", \"ok\": " + ok + (extra == null ? "" : ", " + extra) + "}");
        if (!ok) failures++;
    }

    static void eq(String step, Object actual, Object expected) {
        boolean ok = Objects.deepEquals(actual, expected);
        emit(step, ok, ok ? null : "\"actual\": " + js(actual) + ", \"expected\": " + js(expected));
    }

    interface Step { void run() throws Exception; }

    static void step(String name, Step s) {
        try { s.run(); } catch (Exception e) { emit(name, false, "\"error\": " + js(e.toString())); }
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/doc";
        Properties p = new Properties();
        p.setProperty("user", "crate");
        Connection conn = DriverManager.getConnection(url, p);
        Statement st = conn.createStatement();
        OffsetDateTime ts1 = OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000, ZoneOffset.UTC);
        OffsetDateTime ts2 = OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);
        String obj1 = "{\"a\":1,\"b\":\"x\",\"nested\":{\"c\":[1,2]}}";

        step("ddl", () -> {
            st.execute("DROP TABLE IF EXISTS " + T);
            st.execute("CREATE TABLE " + T + " (id int primary key, i int, big bigint, dbl double precision, txt text, "
                + "flag boolean, ts timestamp with time zone, obj object, arr array(integer), tags array(text))");
            emit("ddl", true, null);
        });

        step("insert", () -> {
            String sql = "INSERT INTO " + T + " (id, i, big, dbl, txt, flag, ts, obj, arr, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                Object[][] rows = {
                    {1, 42, 9007199254740993L, 3.141592653589793, "grüße 東京", true, ts1, obj1, new Integer[]{1, 2, 3}, new String[]{"a", "b"}},
                    {2, -7, -5L, -0.5, "plain", false, ts2, "{}", new Integer[]{}, new String[]{}},
                };
                for (Object[] r : rows) {
                    ps.setInt(1, (Integer) r[0]);
                    ps.setInt(2, (Integer) r[1]);
                    ps.setLong(3, (Long) r[2]);
                    ps.setDouble(4, (Double) r[3]);
                    ps.setString(5, (String) r[4]);
                    ps.setBoolean(6, (Boolean) r[5]);
                    ps.setObject(7, r[6]);
                    PGobject json = new PGobject();
                    json.setType("json");
                    json.setValue((String) r[7]);
                    ps.setObject(8, json);
                    ps.setArray(9, conn.createArrayOf("int4", (Object[]) r[8]));
                    ps.setArray(10, conn.createArrayOf("varchar", (Object[]) r[9]));
                    eq("insert id=" + r[0] + " update count", ps.executeUpdate(), 1);
                }
                ps.setInt(1, 3);
                ps.setNull(2, Types.INTEGER);
                ps.setNull(3, Types.BIGINT);
                ps.setNull(4, Types.DOUBLE);
                ps.setNull(5, Types.VARCHAR);
                ps.setNull(6, Types.BOOLEAN);
                ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setNull(8, Types.OTHER);
                ps.setNull(9, Types.ARRAY);
                ps.setNull(10, Types.ARRAY);
                eq("insert id=3 (NULLs) update count", ps.executeUpdate(), 1);
            }
            st.execute("REFRESH TABLE " + T);
        });

        step("roundtrip", () -> {
            try (ResultSet rs = st.executeQuery("SELECT id, i, big, dbl, txt, flag, ts, obj, arr, tags FROM " + T + " ORDER BY id")) {
                List<List<Object>> got = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getInt(1));
                    row.add(rs.getObject(2));
                    row.add(rs.getObject(3));
                    row.add(rs.getObject(4));
                    row.add(rs.getString(5));
                    row.add(rs.getObject(6));
                    row.add(rs.getObject(7, OffsetDateTime.class));
                    Object o = rs.getObject(8);
                    row.add(o == null ? null : ((PGobject) o).getType() + ":" + ((PGobject) o).getValue());
                    Array a = rs.getArray(9);
                    row.add(a == null ? null : Arrays.asList((Object[]) a.getArray()));
                    Array t = rs.getArray(10);
                    row.add(t == null ? null : Arrays.asList((Object[]) t.getArray()));
                    got.add(row);
                }
                eq("roundtrip row count", got.size(), 3);
                eq("roundtrip id=1", got.get(0), Arrays.asList(1, 42, 9007199254740993L, 3.141592653589793, "grüße 東京", true, ts1,
                    "json:" + obj1, Arrays.asList(1, 2, 3), Arrays.asList("a", "b")));
                eq("roundtrip id=2", got.get(1), Arrays.asList(2, -7, -5L, -0.5, "plain", false, ts2,
                    "json:{}", Arrays.asList(), Arrays.asList()));
                eq("roundtrip id=3", got.get(2), Arrays.asList(3, null, null, null, null, null, null, null, null, null));
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM " + T + " WHERE txt = ?")) {
                ps.setString(1, "grüße 東京");
                try (ResultSet rs = ps.executeQuery()) {
                    eq("unicode parameter in WHERE", rs.next() ? rs.getInt(1) : -1, 1);
                }
            }
        });

        step("aggregate", () -> {
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(i), max(big), count(txt) FROM " + T)) {
                rs.next();
                eq("aggregate", Arrays.asList(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                    Arrays.asList(3L, 35L, 9007199254740993L, 2L));
            }
        });

        step("update", () -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE " + T + " SET txt = ? WHERE id IN (1, 2)")) {
                ps.setString(1, "updated");
                eq("update count", ps.executeUpdate(), 2);
            }
            st.execute("REFRESH TABLE " + T);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + T + " WHERE txt = 'updated'")) {
                rs.next();
                eq("update visible", rs.getLong(1), 2L);
            }
        });

        step("error", () -> {
            try {
                st.executeQuery("SELECT * FROM missing_table_jdbc");
                emit("error raised", false, "\"error\": \"no exception\"");
            } catch (SQLException e) {
                emit("error raised", true, "\"sqlstate\": " + js(e.getSQLState()));
            }
            try (ResultSet rs = st.executeQuery("SELECT 1 + 1")) {
                rs.next();
                eq("statement after error", rs.getInt(1), 2);
            }
        });

        step("prepared", () -> {
            // 6 executions: pgjdbc switches to a named server-side statement (and binary results) at the 5th
            List<Object> got = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT txt, ts FROM " + T + " WHERE id = ?")) {
                for (int id : new int[]{1, 2, 3, 1, 2, 3}) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        got.add(rs.getString(1));
                        got.add(rs.getObject(2, OffsetDateTime.class));
                    }
                }
            }
            List<Object> once = Arrays.asList("updated", ts1, "updated", ts2, null, null);
            List<Object> want = new ArrayList<>(once);
            want.addAll(once);
            eq("prepared statement reused", got, want);
        });

        step("batch", () -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + T + " (id, i, txt) VALUES (?, ?, ?)")) {
                for (int n = 0; n < 100; n++) {
                    ps.setInt(1, 1000 + n);
                    ps.setInt(2, n);
                    ps.setString(3, "batch " + n);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                eq("executeBatch result length", counts.length, 100);
                eq("executeBatch counts all 1", Arrays.stream(counts).allMatch(x -> x == 1), true);
            }
            st.execute("REFRESH TABLE " + T);
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(i) FROM " + T + " WHERE id >= 1000")) {
                rs.next();
                eq("batch of 100", Arrays.asList(rs.getLong(1), rs.getLong(2)), Arrays.asList(100L, 4950L));
            }
        });

        st.execute("DROP TABLE " + T);
        conn.close();
        if (failures > 0) {
            System.out.println("FAILED " + failures);
            System.exit(1);
        }
        System.out.println("OK");
    }
}
