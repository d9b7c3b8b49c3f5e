/**
 * COPY statements: parse → print round trips, including PostgreSQL's STDIN/STDOUT forms and
 * their option syntaxes (normalised to CrateDB's `name = value`).
 */
import { errorCases, roundTripCases } from '../unit/sql/helpers.js';

roundTripCases('copy from', [
  ["COPY t FROM '/data/x.json'"],
  ["COPY doc.t FROM 'file:///data/*.json' WITH (format = 'csv', bulk_size = 1000) RETURN SUMMARY"],
  ["COPY t (a, b) FROM ?", 'COPY t (a, b) FROM $1'],
  ["COPY t PARTITION (day = 1) (a) FROM ['a.json', 'b.json']"],
  ["COPY t (a) PARTITION (day = 1) FROM 'x'", "COPY t PARTITION (day = 1) (a) FROM 'x'"],
  ["COPY t FROM 'x' WITH (node_filters = {name = 'n1'})"],
]);

roundTripCases('copy from stdin', [
  ['COPY t FROM STDIN'],
  ['copy t (a, b) from stdin', 'COPY t (a, b) FROM STDIN'],
  ['COPY t FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER \',\')', "COPY t FROM STDIN WITH (format = 'csv', header = true, delimiter = ',')"],
  ['COPY t FROM STDIN (FORMAT csv, HEADER)', "COPY t FROM STDIN WITH (format = 'csv', header = true)"],
  ['COPY t FROM STDIN WITH (format = \'csv\')', "COPY t FROM STDIN WITH (format = 'csv')"],
  ["COPY t FROM STDIN CSV HEADER", "COPY t FROM STDIN WITH (format = 'csv', header = true)"],
  ["COPY t FROM STDIN WITH CSV HEADER DELIMITER AS ';' NULL AS 'x'", "COPY t FROM STDIN WITH (format = 'csv', header = true, delimiter = ';', \"null\" = 'x')"],
  ["COPY t FROM STDIN WITH DELIMITER '|'", "COPY t FROM STDIN WITH (delimiter = '|')"],
  ["COPY t FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (a, b), NULL 'n')", "COPY t FROM STDIN WITH (format = 'csv', force_not_null = ['a', 'b'], \"null\" = 'n')"],
  ['COPY t FROM STDIN CSV FORCE NOT NULL a, b', "COPY t FROM STDIN WITH (format = 'csv', force_not_null = ['a', 'b'])"],
  ['COPY t FROM STDIN BINARY', "COPY t FROM STDIN WITH (format = 'binary')"],
  ["COPY t FROM STDIN WITH (format = 'json') RETURN SUMMARY"],
]);

roundTripCases('copy to', [
  ["COPY t TO DIRECTORY '/tmp/out'"],
  ["COPY t TO '/tmp/out'"],
  ["COPY t (a, o['k']) WHERE a > 1 TO DIRECTORY '/tmp' WITH (compression = 'gzip')", "COPY t (a, o['k']) WHERE (a > 1) TO DIRECTORY '/tmp' WITH (compression = 'gzip')"],
  ["COPY t PARTITION (p = 'x') TO DIRECTORY ?", "COPY t PARTITION (p = 'x') TO DIRECTORY $1"],
  ['COPY t TO STDOUT'],
  ['COPY t (a, b) TO STDOUT WITH CSV HEADER', "COPY t (a, b) TO STDOUT WITH (format = 'csv', header = true)"],
  ['COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE *)', "COPY t TO STDOUT WITH (format = 'csv', force_quote = '*')"],
  ['COPY t TO STDOUT CSV FORCE QUOTE a', "COPY t TO STDOUT WITH (format = 'csv', force_quote = ['a'])"],
  ['COPY (SELECT a FROM t WHERE a > 1) TO STDOUT', 'COPY (SELECT a FROM t WHERE (a > 1)) TO STDOUT'],
  ['COPY (select 1) TO STDOUT WITH (FORMAT csv)', "COPY (SELECT 1) TO STDOUT WITH (format = 'csv')"],
  ["COPY t TO DIRECTORY 'stdout'"],
]);

errorCases('copy errors', [
  ["COPY t FROM 'x' WITH format = 'csv'", /mismatched input 'format' expecting '\('/],
  ['COPY (SELECT 1) TO DIRECTORY \'/tmp\'', /mismatched input 'DIRECTORY' expecting 'STDOUT'/],
  ['COPY t (a[1]) FROM STDIN', /COPY FROM column list must contain plain column names/],
]);
