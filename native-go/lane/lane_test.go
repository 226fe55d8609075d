package main

import (
	"strings"
	"testing"
)

// Which ops there are is checked once for every lane, on the Java side, against
// the versions result's "ops"; here only that the table and its index agree.
func TestOpIndex(t *testing.T) {
	if len(indexOf) != len(table) {
		t.Errorf("table has %d ops but %d distinct names", len(table), len(indexOf))
	}
	for i, op := range table {
		if got := opIndex([]byte(op.name)); got != i {
			t.Errorf("opIndex(%q) = %d, want %d", op.name, got, i)
		}
	}
	for _, name := range []string{"", "noop", "ECHO", "echo "} {
		if i := opIndex([]byte(name)); i != -1 {
			t.Errorf("opIndex(%q) = %d, want -1", name, i)
		}
	}
}

func TestCall(t *testing.T) {
	run := func(name string, a, b string, n int64) (string, error) {
		res, err := call(opIndex([]byte(name)), []byte(a), []byte(b), n)
		return string(res), err
	}
	for _, tc := range []struct {
		name, a, b string
		n          int64
		want       string
	}{
		{"echo", "abc", "", 0, "abc"},
		{"echo", "", "", 0, ""},
		{"json_tree", `{"a":1,"b":2}`, "", 0, "2"},
		{"json_bind", `[{"id":1},{"id":2},{"id":3}]`, "", 0, "3"},
		{"json_tree_digest", `{"a":1}`, "", 0, "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"},
		{"bcrypt_verify", "pw", "$2a$04$lX0Wgs7LeeDYfyYv1xFC5u64UOnVeDJLwQy3bjGmIoGvSCwtYwX7.", 0, "0"},
	} {
		got, err := run(tc.name, tc.a, tc.b, tc.n)
		if err != nil || got != tc.want {
			t.Errorf("%s(%q, %q, %d) = %q, %v; want %q", tc.name, tc.a, tc.b, tc.n, got, err, tc.want)
		}
	}

	h, err := run("bcrypt_hash", "pw", "", 4)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := run("bcrypt_verify", "pw", h, 0); got != "1" || err != nil {
		t.Errorf("bcrypt_verify of a fresh hash = %q, %v", got, err)
	}
	tok, err := run("jwt_sign", `{"sub":"1"}`, "key", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := run("jwt_verify", tok, "key", 0); got != `{"sub":"1"}` || err != nil {
		t.Errorf("jwt_verify = %q, %v", got, err)
	}
}

func TestCallFails(t *testing.T) {
	for _, tc := range []struct {
		op   int
		a    string
		n    int64
		want string
	}{
		{opIndex([]byte("fail")), "boom", 0, "panic: boom"},
		{opIndex([]byte("fail")), "", 1, "panic: runtime error: invalid memory address or nil pointer dereference"},
		{opIndex([]byte("fail")), "", 7, "fail mode 7"},
		{opIndex([]byte("bcrypt_hash")), "pw", 3, "bcrypt cost 3 is outside 4..20"},
		{-1, "", 0, "op index -1 is outside"},
		{len(table), "", 0, "is outside"},
	} {
		res, err := call(tc.op, []byte(tc.a), nil, tc.n)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("call(%d, %q, %d) = %q, %v; want error %q", tc.op, tc.a, tc.n, res, err, tc.want)
		}
	}
}
