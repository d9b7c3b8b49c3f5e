<?php
// PHP PDO_PGSQL scenario against cratelite: php pdo_scenario.php PGPORT
// PDO_PGSQL prepares on the server by default (named statements, parameter types left to the
// server, text values). Prints one JSON line per step and `OK` (exit 0) or `FAILED n` (exit 1).
// Since PHP 8.1 integers and booleans come back as native PHP values; doubles, timestamps,
// objects (json) and arrays come back as text. PHP turns floats into parameter text with the
// `precision` ini setting (14 digits by default), so the scenario sets it to -1 (shortest exact).
ini_set('precision', '-1');

$port = $argv[1] ?? '5432';
$T = 'clients_pdo';
$failures = 0;

function emit(string $step, bool $ok, array $extra = []): void {
    global $failures;
    echo json_encode(['client' => 'pdo', 'step' => $step, 'ok' => $ok] + $extra,
        JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
    if (!$ok) $failures++;
}

function eq(string $step, $actual, $expected): void {
    $ok = $actual === $expected;
    emit($step, $ok, $ok ? [] : ['actual' => $actual, 'expected' => $expected]);
}

function step(string $name, callable $fn): void {
    try {
        $fn();
    } catch (Throwable $e) {
        emit($name, false, ['error' => get_class($e) . ': ' . $e->getMessage()]);
    }
}

$pdo = new PDO("pgsql:host=127.0.0.1;port=$port;dbname=doc;connect_timeout=10", 'crate', null,
    [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);

$obj1 = '{"a":1,"b":"x","nested":{"c":[1,2]}}';
$rows = [
    [1, 42, 9007199254740993, 3.141592653589793, 'grüße 東京', true, '2024-02-29T13:14:15.123Z', $obj1, '{1,2,3}', '{a,b}'],
    [2, -7, -5, -0.5, 'plain', false, '1999-12-31T23:59:59Z', '{}', '{}', '{}'],
    [3, null, null, null, null, null, null, null, null, null],
];
$cols = 'id, i, big, dbl, txt, flag, ts, obj, arr, tags';

step('ddl', function () use ($pdo, $T) {
    $pdo->exec("DROP TABLE IF EXISTS $T");
    $pdo->exec("CREATE TABLE $T (id int primary key, i int, big bigint, dbl double precision, txt text, flag boolean, "
        . "ts timestamp with time zone, obj object, arr array(integer), tags array(text))");
    emit('ddl', true);
});

step('insert', function () use ($pdo, $T, $rows, $cols) {
    $st = $pdo->prepare("INSERT INTO $T ($cols) VALUES (:id, :i, :big, :dbl, :txt, :flag, :ts, :obj, :arr, :tags)");
    foreach ($rows as $r) {
        $names = ['id', 'i', 'big', 'dbl', 'txt', 'flag', 'ts', 'obj', 'arr', 'tags'];
        foreach ($names as $k => $n) {
            $v = $r[$k];
            $type = $v === null ? PDO::PARAM_NULL : (is_int($v) ? PDO::PARAM_INT : (is_bool($v) ? PDO::PARAM_BOOL : PDO::PARAM_STR));
            $st->bindValue(":$n", $v, $type);
        }
        $st->execute();
        eq("insert id={$r[0]} rowCount", $st->rowCount(), 1);
    }
    $pdo->exec("REFRESH TABLE $T");
});

step('roundtrip', function () use ($pdo, $T, $cols, $obj1) {
    $all = $pdo->query("SELECT $cols FROM $T ORDER BY id");
    // native_type: built in for some OIDs, else `SELECT TYPNAME FROM PG_TYPE WHERE OID=…`
    $types = [];
    for ($k = 0; $k < $all->columnCount(); $k++) {
        $m = $all->getColumnMeta($k);
        $types[] = [$m['name'], $m['native_type'], $m['pgsql:oid']];
    }
    eq('getColumnMeta of every column', $types, [['id', 'int4', 23], ['i', 'int4', 23], ['big', 'int8', 20],
        ['dbl', 'float8', 701], ['txt', 'varchar', 1043], ['flag', 'bool', 16], ['ts', 'timestamptz', 1184],
        ['obj', 'json', 114], ['arr', '_int4', 1007], ['tags', '_varchar', 1015]]);
    $got = $all->fetchAll(PDO::FETCH_NUM);
    eq('roundtrip row count', count($got), 3);
    eq('roundtrip id=1', $got[0], [1, 42, 9007199254740993, '3.141592653589793', 'grüße 東京', true,
        '2024-02-29 13:14:15.123+00', $obj1, '{"1","2","3"}', '{"a","b"}']);
    eq('roundtrip id=2', $got[1], [2, -7, -5, '-0.5', 'plain', false, '1999-12-31 23:59:59.000+00', '{}', '{}', '{}']);
    eq('roundtrip id=3', $got[2], [3, null, null, null, null, null, null, null, null, null]);
    eq('object decodes', json_decode($got[0][7], true), ['a' => 1, 'b' => 'x', 'nested' => ['c' => [1, 2]]]);
    $ts = new DateTimeImmutable($got[0][6]);
    eq('timestamp parses to the instant', $ts->format('Y-m-d\TH:i:s.vP'), '2024-02-29T13:14:15.123+00:00');
    $st = $pdo->prepare("SELECT id FROM $T WHERE txt = ?");
    $st->execute(['grüße 東京']);
    eq('unicode parameter in WHERE', $st->fetchAll(PDO::FETCH_COLUMN), [1]);
});

step('aggregate', function () use ($pdo, $T) {
    $r = $pdo->query("SELECT count(*), sum(i), max(big), count(txt) FROM $T")->fetch(PDO::FETCH_NUM);
    eq('aggregate', $r, [3, 35, 9007199254740993, 2]);
});

step('update', function () use ($pdo, $T) {
    $st = $pdo->prepare("UPDATE $T SET txt = ? WHERE id IN (1, 2)");
    $st->execute(['updated']);
    eq('update rowCount', $st->rowCount(), 2);
    $pdo->exec("REFRESH TABLE $T");
    eq('update visible', $pdo->query("SELECT count(*) FROM $T WHERE txt = 'updated'")->fetchColumn(), 2);
    eq('exec() returns the row count', $pdo->exec("UPDATE $T SET i = i WHERE id = 1"), 1);
});

step('error', function () use ($pdo) {
    try {
        $pdo->query('SELECT * FROM missing_table_pdo');
        emit('error raised', false, ['error' => 'no exception']);
    } catch (PDOException $e) {
        emit('error raised', $e->getCode() === '42P01' && str_contains($e->getMessage(), "Relation 'missing_table_pdo' unknown"),
            ['sqlstate' => $e->getCode(), 'message' => $e->getMessage()]);
    }
    eq('statement after error', $pdo->query('SELECT 1 + 1')->fetchColumn(), 2);
});

step('prepared', function () use ($pdo, $T) {
    $st = $pdo->prepare("SELECT txt FROM $T WHERE id = ?");
    $got = [];
    foreach ([1, 2, 3, 1, 2, 3] as $id) {
        $st->bindValue(1, $id, PDO::PARAM_INT);
        $st->execute();
        $got[] = $st->fetchColumn();
        $st->closeCursor();
    }
    eq('prepared statement reused', $got, ['updated', 'updated', null, 'updated', 'updated', null]);
});

step('emulated prepares', function () use ($pdo, $T) {
    // client-side interpolation, simple query protocol
    $st = $pdo->prepare("SELECT txt FROM $T WHERE id = ? AND txt = ?", [PDO::ATTR_EMULATE_PREPARES => true]);
    $st->execute([1, 'updated']);
    eq('emulated prepare', $st->fetchAll(PDO::FETCH_COLUMN), ['updated']);
});

step('batch', function () use ($pdo, $T) {
    $st = $pdo->prepare("INSERT INTO $T (id, i, txt) VALUES (?, ?, ?)");
    $n = 0;
    for ($k = 0; $k < 100; $k++) {
        $st->execute([1000 + $k, $k, "batch $k"]);
        $n += $st->rowCount();
    }
    eq('100 executions, rowCount 1 each', $n, 100);
    $pdo->exec("REFRESH TABLE $T");
    eq('batch of 100', $pdo->query("SELECT count(*), sum(i) FROM $T WHERE id >= 1000")->fetch(PDO::FETCH_NUM), [100, 4950]);
});

step('transaction', function () use ($pdo, $T) {
    // beginTransaction() sends BEGIN as a simple query; ReadyForQuery then says idle (I), as
    // CrateDB's does, so commit() finds no transaction. The statements were effective anyway.
    eq('beginTransaction()', $pdo->beginTransaction(), true);
    eq('inTransaction() after BEGIN (false, as with CrateDB)', $pdo->inTransaction(), false);
    $pdo->exec("UPDATE $T SET i = 7 WHERE id = 3");
    try {
        $pdo->commit();
        emit('commit() finds no transaction (as with CrateDB)', false, ['error' => 'no exception']);
    } catch (PDOException $e) {
        emit('commit() finds no transaction (as with CrateDB)', $e->getMessage() === 'There is no active transaction',
            ['message' => $e->getMessage()]);
    }
    $pdo->exec("REFRESH TABLE $T");
    eq('update inside BEGIN effective', $pdo->query("SELECT i FROM $T WHERE id = 3")->fetchColumn(), 7);
});

step('server info', function () use ($pdo) {
    eq('ATTR_SERVER_VERSION', $pdo->getAttribute(PDO::ATTR_SERVER_VERSION), '14.0');
});

$pdo->exec("DROP TABLE $T");
$pdo = null;
if ($failures > 0) {
    echo "FAILED $failures\n";
    exit(1);
}
echo "OK\n";
