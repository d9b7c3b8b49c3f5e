// pgx v4 scenario against cratelite, built offline from Debian's golang-github-jackc-pgx-v4-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o OUT pgx_scenario.go && OUT PGPORT
//
// pgx describes every statement first (Parse + Describe) and encodes parameters by the types
// the server reports, mostly in binary; results come back in binary where pgx has a codec.
// Prints one JSON line per step and `OK` (exit 0) or `FAILED n` (exit 1).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sync"
	"time"

	"github.com/jackc/pgconn"
	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

const table = "clients_pgx"

var failures = 0

func emit(step string, ok bool, extra map[string]interface{}) {
	line := map[string]interface{}{"client": "pgx", "step": step, "ok": ok}
	for k, v := range extra {
		line[k] = v
	}
	b, _ := json.Marshal(line)
	fmt.Println(string(b))
	if !ok {
		failures++
	}
}

func eq(step string, actual, expected interface{}) {
	if reflect.DeepEqual(actual, expected) {
		emit(step, true, nil)
	} else {
		emit(step, false, map[string]interface{}{"actual": fmt.Sprintf("%#v", actual), "expected": fmt.Sprintf("%#v", expected)})
	}
}

func step(name string, fn func() error) {
	if err := fn(); err != nil {
		emit(name, false, map[string]interface{}{"error": err.Error()})
	}
}

// row is one row of the scenario table; pointers, maps and slices are nil for NULL
type row struct {
	ID   int32
	I    *int32
	Big  *int64
	Dbl  *float64
	Txt  *string
	Flag *bool
	Ts   *time.Time
	Obj  map[string]interface{}
	Arr  []int32
	Tags []string
}

func ptr[T any](v T) *T { return &v }

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	url := fmt.Sprintf("postgres://crate@127.0.0.1:%s/doc?sslmode=disable&connect_timeout=10", os.Args[1])
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		fmt.Println("connect:", err)
		os.Exit(1)
	}
	defer conn.Close(context.Background())

	ts1 := time.Date(2024, 2, 29, 13, 14, 15, 123_000_000, time.UTC)
	ts2 := time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)
	rows := []row{
		{1, ptr[int32](42), ptr[int64](9007199254740993), ptr(3.141592653589793), ptr("grüße 東京"), ptr(true), &ts1,
			map[string]interface{}{"a": 1.0, "b": "x", "nested": map[string]interface{}{"c": []interface{}{1.0, 2.0}}},
			[]int32{1, 2, 3}, []string{"a", "b"}},
		{2, ptr[int32](-7), ptr[int64](-5), ptr(-0.5), ptr("plain"), ptr(false), &ts2, map[string]interface{}{}, []int32{}, []string{}},
		{ID: 3},
	}
	cols := "id, i, big, dbl, txt, flag, ts, obj, arr, tags"

	step("ddl", func() error {
		if _, err := conn.Exec(ctx, "DROP TABLE IF EXISTS "+table); err != nil {
			return err
		}
		_, err := conn.Exec(ctx, "CREATE TABLE "+table+" (id int primary key, i int, big bigint, dbl double precision, txt text, "+
			"flag boolean, ts timestamp with time zone, obj object, arr array(integer), tags array(text))")
		if err == nil {
			emit("ddl", true, nil)
		}
		return err
	})

	step("insert", func() error {
		for _, r := range rows {
			var obj interface{}
			if r.Obj != nil {
				obj = r.Obj
			}
			var arr, tags interface{}
			if r.Arr != nil {
				arr, tags = r.Arr, r.Tags
			}
			tag, err := conn.Exec(ctx, "INSERT INTO "+table+" ("+cols+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
				r.ID, r.I, r.Big, r.Dbl, r.Txt, r.Flag, r.Ts, obj, arr, tags)
			if err != nil {
				return err
			}
			eq(fmt.Sprintf("insert id=%d RowsAffected", r.ID), tag.RowsAffected(), int64(1))
		}
		_, err := conn.Exec(ctx, "REFRESH TABLE "+table)
		return err
	})

	step("roundtrip", func() error {
		rs, err := conn.Query(ctx, "SELECT "+cols+" FROM "+table+" ORDER BY id")
		if err != nil {
			return err
		}
		var got []row
		for rs.Next() {
			var r row
			if err := rs.Scan(&r.ID, &r.I, &r.Big, &r.Dbl, &r.Txt, &r.Flag, &r.Ts, &r.Obj, &r.Arr, &r.Tags); err != nil {
				rs.Close()
				return err
			}
			got = append(got, r)
		}
		if err := rs.Err(); err != nil {
			return err
		}
		oids := []uint32{}
		for _, fd := range rs.FieldDescriptions() {
			oids = append(oids, fd.DataTypeOID)
		}
		eq("result type OIDs", oids, []uint32{23, 23, 20, 701, 1043, 16, 1184, 114, 1007, 1015})
		eq("roundtrip row count", len(got), 3)
		for k := range got {
			if k >= len(rows) {
				break
			}
			g, w := got[k], rows[k]
			// the same instant (pgx returns timestamptz in the local zone)
			sameTs := (g.Ts == nil) == (w.Ts == nil) && (g.Ts == nil || g.Ts.Equal(*w.Ts))
			emit(fmt.Sprintf("roundtrip id=%d ts", w.ID), sameTs, map[string]interface{}{"ts": fmt.Sprint(g.Ts)})
			g.Ts, w.Ts = nil, nil
			eq(fmt.Sprintf("roundtrip id=%d", w.ID), g, w)
		}
		var id int32
		if err := conn.QueryRow(ctx, "SELECT id FROM "+table+" WHERE txt = $1", "grüße 東京").Scan(&id); err != nil {
			return err
		}
		eq("unicode parameter in WHERE", id, int32(1))
		return nil
	})

	step("aggregate", func() error {
		var n, sum, max, nTxt int64
		err := conn.QueryRow(ctx, "SELECT count(*), sum(i), max(big), count(txt) FROM "+table).Scan(&n, &sum, &max, &nTxt)
		eq("aggregate", []int64{n, sum, max, nTxt}, []int64{3, 35, 9007199254740993, 2})
		return err
	})

	step("update", func() error {
		tag, err := conn.Exec(ctx, "UPDATE "+table+" SET txt = $1 WHERE id IN (1, 2)", "updated")
		if err != nil {
			return err
		}
		eq("update RowsAffected", tag.RowsAffected(), int64(2))
		eq("update command tag", tag.String(), "UPDATE 2")
		if _, err := conn.Exec(ctx, "REFRESH TABLE "+table); err != nil {
			return err
		}
		var n int64
		err = conn.QueryRow(ctx, "SELECT count(*) FROM "+table+" WHERE txt = 'updated'").Scan(&n)
		eq("update visible", n, int64(2))
		return err
	})

	step("error", func() error {
		_, err := conn.Exec(ctx, "SELECT * FROM missing_table_pgx")
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) {
			emit("error raised", pgErr.Code == "42P01", map[string]interface{}{"sqlstate": pgErr.Code, "message": pgErr.Message})
		} else {
			emit("error raised", false, map[string]interface{}{"error": fmt.Sprint(err)})
		}
		var two int32
		err = conn.QueryRow(ctx, "SELECT 1 + 1").Scan(&two)
		eq("statement after error", two, int32(2))
		return err
	})

	step("prepared", func() error {
		sd, err := conn.Prepare(ctx, "by_id", "SELECT txt, ts FROM "+table+" WHERE id = $1")
		if err != nil {
			return err
		}
		eq("prepared parameter OIDs", sd.ParamOIDs, []uint32{23})
		var got []interface{}
		for _, id := range []int32{1, 2, 3, 1, 2, 3} {
			var txt *string
			var ts *time.Time
			if err := conn.QueryRow(ctx, "by_id", id).Scan(&txt, &ts); err != nil {
				return err
			}
			if txt == nil {
				got = append(got, nil, nil)
			} else {
				got = append(got, *txt, ts.UTC().Format(time.RFC3339Nano))
			}
		}
		once := []interface{}{"updated", "2024-02-29T13:14:15.123Z", "updated", "1999-12-31T23:59:59Z", nil, nil}
		eq("prepared statement reused", got, append(once, once...))
		return conn.Deallocate(ctx, "by_id")
	})

	step("batch", func() error {
		// pgx.Batch: all statements pipelined, one Sync
		b := &pgx.Batch{}
		for n := 0; n < 100; n++ {
			b.Queue("INSERT INTO "+table+" (id, i, txt) VALUES ($1, $2, $3)", int32(1000+n), int32(n), fmt.Sprintf("batch %d", n))
		}
		br := conn.SendBatch(ctx, b)
		affected := int64(0)
		for n := 0; n < 100; n++ {
			tag, err := br.Exec()
			if err != nil {
				br.Close()
				return err
			}
			affected += tag.RowsAffected()
		}
		if err := br.Close(); err != nil {
			return err
		}
		eq("SendBatch of 100 inserts, 100 rows affected", affected, int64(100))
		if _, err := conn.Exec(ctx, "REFRESH TABLE "+table); err != nil {
			return err
		}
		var n, sum int64
		err := conn.QueryRow(ctx, "SELECT count(*), sum(i) FROM "+table+" WHERE id >= 1000").Scan(&n, &sum)
		eq("batch of 100", []int64{n, sum}, []int64{100, 4950})
		return err
	})

	step("simple protocol", func() error {
		// PreferSimpleProtocol: pgx interpolates the parameters itself (needs standard_conforming_strings=on)
		cfg, err := pgx.ParseConfig(url)
		if err != nil {
			return err
		}
		cfg.PreferSimpleProtocol = true
		sc, err := pgx.ConnectConfig(ctx, cfg)
		if err != nil {
			return err
		}
		defer sc.Close(ctx)
		var txt string
		var big int64
		err = sc.QueryRow(ctx, "SELECT txt, big FROM "+table+" WHERE id = $1 AND txt = $2", 1, "updated").Scan(&txt, &big)
		eq("simple protocol query", []interface{}{txt, big}, []interface{}{"updated", int64(9007199254740993)})
		return err
	})

	step("pool", func() error {
		pool, err := pgxpool.Connect(ctx, url+"&pool_max_conns=4")
		if err != nil {
			return err
		}
		defer pool.Close()
		var wg sync.WaitGroup
		results := make([]int64, 20)
		errs := make([]error, 20)
		for k := 0; k < 20; k++ {
			wg.Add(1)
			go func(k int) {
				defer wg.Done()
				errs[k] = pool.QueryRow(ctx, "SELECT count(*) FROM "+table+" WHERE id >= $1", int32(1000+k)).Scan(&results[k])
			}(k)
		}
		wg.Wait()
		for _, e := range errs {
			if e != nil {
				return e
			}
		}
		want := make([]int64, 20)
		for k := range want {
			want[k] = int64(100 - k)
		}
		eq("pool: 20 concurrent queries over 4 connections", results, want)
		return nil
	})

	step("copy", func() error {
		// CopyFrom: `COPY t ( cols ) FROM STDIN BINARY;`, typed by a prepared `select cols from t`,
		// with its CopyData sent without waiting for CopyInResponse (cratelite; CrateDB has no COPY
		// sub-protocol)
		rows := [][]interface{}{{int32(5000), int32(1)}, {int32(5001), nil}, {int32(5002), int32(3)}}
		n, err := conn.CopyFrom(ctx, pgx.Identifier{table}, []string{"id", "i"}, pgx.CopyFromRows(rows))
		if err != nil {
			return err
		}
		eq("CopyFrom rowcount", n, int64(3))
		if _, err = conn.Exec(ctx, "REFRESH TABLE "+table); err != nil {
			return err
		}
		var count, sum int64
		err = conn.QueryRow(ctx, "SELECT count(*), sum(i) FROM "+table+" WHERE id >= 5000").Scan(&count, &sum)
		eq("CopyFrom rows visible", []int64{count, sum}, []int64{3, 4})
		return err
	})

	if _, err := conn.Exec(ctx, "DROP TABLE "+table); err != nil {
		emit("drop", false, map[string]interface{}{"error": err.Error()})
	}
	if failures > 0 {
		fmt.Printf("FAILED %d\n", failures)
		os.Exit(1)
	}
	fmt.Println("OK")
}
