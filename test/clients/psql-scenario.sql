-- psql scenario against cratelite, run by clients.test.ts as
--   psql -X -q -A -t -F '|' -h 127.0.0.1 -p PORT -U crate -d doc -f psql-scenario.sql
-- clients.test.ts compares stdout line by line (the \dt section only has to list the table); the
-- error of `SELECT * FROM missing_table_psql` goes to stderr and psql (no ON_ERROR_STOP) continues.
DROP TABLE IF EXISTS clients_psql;
CREATE TABLE clients_psql (id int primary key, i int, big bigint, dbl double precision, txt text, flag boolean, ts timestamp with time zone, obj object, arr array(integer), tags array(text));
-- "parameterized" the psql way: client-side variable interpolation (:'var' quotes as a literal)
\set txt 'grüße 東京'
\set obj '{"a": 1, "b": "x", "nested": {"c": [1, 2]}}'
\set ts '2024-02-29T13:14:15.123Z'
INSERT INTO clients_psql (id, i, big, dbl, txt, flag, ts, obj, arr, tags) VALUES (1, 42, 9007199254740993, 3.141592653589793, :'txt', true, :'ts', :'obj', [1, 2, 3], ['a', 'b']);
INSERT INTO clients_psql (id, i, big, dbl, txt, flag, ts, obj, arr, tags) VALUES (2, -7, -5, -0.5, 'plain', false, '1999-12-31T23:59:59Z', {}, [], []);
INSERT INTO clients_psql (id, i, big, dbl, txt, flag, ts, obj, arr, tags) VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
\echo rowcount :ROW_COUNT
REFRESH TABLE clients_psql;
\echo roundtrip
SELECT id, i, big, dbl, txt, flag, ts, obj, arr, tags FROM clients_psql ORDER BY id;
SELECT id FROM clients_psql WHERE txt = :'txt';
\echo aggregate
SELECT count(*), sum(i), max(big), count(txt) FROM clients_psql;
\echo update
UPDATE clients_psql SET txt = 'updated' WHERE id IN (1, 2);
\echo rowcount :ROW_COUNT
REFRESH TABLE clients_psql;
SELECT count(*) FROM clients_psql WHERE txt = 'updated';
\echo error
SELECT * FROM missing_table_psql;
SELECT 1 + 1;
\echo batch
INSERT INTO clients_psql (id, i, txt) SELECT 1000 + col1, col1, 'batch ' || col1 FROM generate_series(0, 99) AS g(col1);
REFRESH TABLE clients_psql;
SELECT count(*), sum(i) FROM clients_psql WHERE id >= 1000;
\echo dt
\dt
