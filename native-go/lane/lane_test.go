package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crossbench/native-go/ops"
)

// The lane answers exactly the ops of lane-abi/ops.txt, the op list as Java's
// Op writes it (crossbench ops; the Java side's LaneOpsTest keeps the file so).
func TestOpNames(t *testing.T) {
	text, err := os.ReadFile("../../lane-abi/ops.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Fields(string(text))
	got := slices.Clone(opNames)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("ops = %v\nwant (lane-abi/ops.txt) %v", got, want)
	}
}

// The table and its index agree.
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
		{"json_tree", `{"a":1,"b":2}`, "", 1, "2"},
		{"json_bind", `[{"id":1},{"id":2},{"id":3}]`, "", 1, "3"},
		{"json_tree_digest", `{"a":1}`, "", 1, "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"},
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
		{opIndex([]byte("json_tree")), "[]", int64(len(ops.JSONLibraries)), fmt.Sprintf("no JSON library %d in the go lane", len(ops.JSONLibraries))},
		{opIndex([]byte("json_bind_digest")), "[]", -1, "no JSON library -1 in the go lane"},
		{opIndex([]byte("json_write")), "", 1 << 50, "no kept records 1125899906842624"},
		{opIndex([]byte("json_release")), "", 0, "no kept records 0"},
		{-1, "", 0, "op index -1 is outside"},
		{len(table), "", 0, "is outside"},
	} {
		res, err := call(tc.op, []byte(tc.a), nil, tc.n)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("call(%d, %q, %d) = %q, %v; want error %q", tc.op, tc.a, tc.n, res, err, tc.want)
		}
	}
}

func TestCallKeepWriteAlloc(t *testing.T) {
	doc := []byte(`[{"id":1,"name":"<&>"},{"id":2}]`)
	for _, lib := range ops.JSONLibraries {
		n := int64(lib)
		bind, err := call(opIndex([]byte("json_bind_digest")), doc, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		if w, err := call(opIndex([]byte("json_write_digest")), doc, nil, n); err != nil || string(w) != string(bind) {
			t.Errorf("library %d: json_write_digest = %s, %v; json_bind_digest %s", n, w, err, bind)
		}
		h, err := call(opIndex([]byte("json_keep")), doc, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		handle, err := strconv.ParseInt(string(h), 10, 64)
		if err != nil || handle <= 0 {
			t.Fatalf("json_keep = %q, %v; want a positive decimal handle", h, err)
		}
		if _, err := call(opIndex([]byte("alloc_start")), nil, nil, 0); err != nil {
			t.Fatal(err)
		}
		w, err := call(opIndex([]byte("json_write")), nil, nil, handle)
		if err != nil {
			t.Fatal(err)
		}
		a, err := call(opIndex([]byte("alloc_stop")), nil, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		written, _ := strconv.Atoi(string(w))
		if allocated, err := strconv.ParseUint(string(a), 10, 64); err != nil || allocated < uint64(written) {
			t.Errorf("library %d: alloc_stop = %q, %v; json_write wrote %d bytes", n, a, err, written)
		}
		if res, err := call(opIndex([]byte("json_release")), nil, nil, handle); err != nil || len(res) != 0 {
			t.Errorf("json_release = %q, %v", res, err)
		}
	}
}

// TestForeignThreads builds the c-shared library and calls it from two
// pthreads (testdata/foreign.c), as the JNI bridge does: sonic's JIT, the
// kept records and the server tier's waits must work on threads Go did not
// create.
func TestForeignThreads(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the c-shared library")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no gcc")
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "corpus", "medium.json"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := ops.JSONTreeDigest(ops.Fast, doc)
	if err != nil {
		t.Fatal(err)
	}
	bind, err := ops.JSONBindDigest(ops.Fast, doc)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ops.JSONKeep(ops.Fast, doc)
	if err != nil {
		t.Fatal(err)
	}
	written, err := ops.JSONWrite(h)
	ops.JSONRelease(h)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lib := filepath.Join(dir, "libcrossbench_go.so")
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	run("go", "build", "-buildmode=c-shared", "-o", lib, ".")
	bin := filepath.Join(dir, "foreign")
	run("gcc", "-std=c11", "-O1", "-pthread", "-I", filepath.Join("..", "..", "lane-abi"),
		"-o", bin, filepath.Join("testdata", "foreign.c"), "-L", dir, "-lcrossbench_go", "-Wl,-rpath,"+dir)
	out, err := exec.Command(bin, filepath.Join("..", "..", "corpus", "medium.json"), tree, bind, fmt.Sprint(written),
		filepath.Join("..", "..", "corpus")).CombinedOutput()
	if err != nil || string(out) != "ok\n" {
		t.Errorf("foreign threads: %v\n%s", err, out)
	}
}
