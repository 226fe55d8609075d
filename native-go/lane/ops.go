package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"crossbench/native-go/ops"
	"crossbench/native-go/web"
)

// An op takes a, b and n as in OPS.md and returns the result bytes.
type opFunc func(a, b []byte, n int64) ([]byte, error)

// table lists the ops of OPS.md; an op's index is its position.
var table = []struct {
	name string
	run  opFunc
}{
	{"echo", func(a, _ []byte, _ int64) ([]byte, error) {
		return ops.Echo(a), nil
	}},
	{"json_tree", func(a, _ []byte, n int64) ([]byte, error) {
		return count(ops.JSONTree(ops.Library(n), a))
	}},
	{"json_tree_digest", func(a, _ []byte, n int64) ([]byte, error) {
		return text(ops.JSONTreeDigest(ops.Library(n), a))
	}},
	{"json_bind", func(a, _ []byte, n int64) ([]byte, error) {
		return count(ops.JSONBind(ops.Library(n), a))
	}},
	{"json_bind_digest", func(a, _ []byte, n int64) ([]byte, error) {
		return text(ops.JSONBindDigest(ops.Library(n), a))
	}},
	{"bcrypt_hash", func(a, _ []byte, n int64) ([]byte, error) {
		if n != int64(int(n)) { // only on 32-bit platforms
			return nil, fmt.Errorf("bcrypt cost %d is outside %d..%d", n, ops.BcryptMinCost, ops.BcryptMaxCost)
		}
		return text(ops.BcryptHash(a, int(n)))
	}},
	{"bcrypt_verify", func(a, b []byte, _ int64) ([]byte, error) {
		ok, err := ops.BcryptVerify(a, b)
		if err != nil {
			return nil, err
		}
		if ok {
			return []byte("1"), nil
		}
		return []byte("0"), nil
	}},
	{"jwt_sign", func(a, b []byte, _ int64) ([]byte, error) {
		return text(ops.JWTSign(a, b))
	}},
	{"jwt_verify", func(a, b []byte, _ int64) ([]byte, error) {
		return ops.JWTVerify(a, b)
	}},
	{"versions", func(_, _ []byte, _ int64) ([]byte, error) {
		return versions()
	}},
	{"fail", func(a, _ []byte, n int64) ([]byte, error) {
		return nil, ops.Fail(a, n)
	}},
	{"json_keep", func(a, _ []byte, n int64) ([]byte, error) {
		h, err := ops.JSONKeep(ops.Library(n), a)
		return count64(h, err)
	}},
	{"json_write", func(_, _ []byte, n int64) ([]byte, error) {
		return count(ops.JSONWrite(n))
	}},
	{"json_write_digest", func(a, _ []byte, n int64) ([]byte, error) {
		return text(ops.JSONWriteDigest(ops.Library(n), a))
	}},
	{"json_release", func(_, _ []byte, n int64) ([]byte, error) {
		return nil, ops.JSONRelease(n)
	}},
	{"alloc_start", func(_, _ []byte, _ int64) ([]byte, error) {
		ops.AllocStart()
		return nil, nil
	}},
	{"alloc_stop", func(_, _ []byte, _ int64) ([]byte, error) {
		b, err := ops.AllocStop()
		if err != nil {
			return nil, err
		}
		return strconv.AppendUint(nil, b, 10), nil
	}},
	{"http_keep", func(a, b []byte, n int64) ([]byte, error) {
		return count64(web.Keep(a, string(b), n))
	}},
	{"http_run", func(_, _ []byte, n int64) ([]byte, error) {
		status, length, err := web.Run(n)
		if err != nil {
			return nil, err
		}
		return fmt.Appendf(nil, "%d %d", status, length), nil
	}},
	{"http_check", func(a, b []byte, n int64) ([]byte, error) {
		answer, err := web.Check(a, string(b), n)
		if err != nil {
			return nil, err
		}
		return append(fmt.Appendf(nil, "%d\n%s\n", answer.Status, answer.ContentType), answer.Body...), nil
	}},
	{"http_release", func(_, _ []byte, n int64) ([]byte, error) {
		return nil, web.Release(n)
	}},
}

// opNames and indexOf are filled from table by init: table's versions op
// reads opNames, so initialising them from table directly would be a cycle.
var (
	opNames []string
	indexOf map[string]int
)

func init() {
	indexOf = make(map[string]int, len(table))
	for i, op := range table {
		opNames = append(opNames, op.name)
		indexOf[op.name] = i
	}
}

// versions is ops.Versions plus "ops": the names this library answers, in
// index order, so the Java side can hold every lane to one op list; and
// "http_tiers": the tiers of the web stack the http ops answer; and
// "http_apps": the apps with code of their own (OPS.md, "Requests").
func versions() ([]byte, error) {
	plain, err := ops.Versions()
	if err != nil {
		return nil, err
	}
	var v map[string]any
	if err := json.Unmarshal(plain, &v); err != nil {
		return nil, err
	}
	v["ops"] = opNames
	v["http_tiers"] = httpTiers()
	v["http_apps"] = web.OwnApps
	return json.Marshal(v)
}

// httpTiers names the tiers the http ops answer, as the Java side's HttpTier.
func httpTiers() []string {
	var tiers []string
	for _, t := range web.Tiers {
		tiers = append(tiers, t.String())
	}
	return tiers
}

// opIndex returns the index of the op called name, or -1.
func opIndex(name []byte) int {
	if i, ok := indexOf[string(name)]; ok {
		return i
	}
	return -1
}

// call runs op, turning a panic in it (including a nil dereference, which Go
// raises as a panic) into an error that names it.
func call(op int, a, b []byte, n int64) (res []byte, err error) {
	if op < 0 || op >= len(table) {
		return nil, fmt.Errorf("op index %d is outside 0..%d", op, len(table)-1)
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return table[op].run(a, b, n)
}

func count(n int, err error) ([]byte, error) {
	return count64(int64(n), err)
}

func count64(n int64, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return strconv.AppendInt(nil, n, 10), nil
}

func text(s string, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return []byte(s), nil
}
