package ops_test

import (
	"runtime"
	"strings"
	"testing"

	"crossbench/native-go/ops"
)

func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

func TestFailModes(t *testing.T) {
	r := recovered(func() { _ = ops.Fail([]byte("boom"), 0) })
	if r != "boom" {
		t.Errorf("mode 0 recovered %v, want the panic value boom", r)
	}
	r = recovered(func() { _ = ops.Fail(nil, 1) })
	if err, ok := r.(runtime.Error); !ok || !strings.Contains(err.Error(), "nil pointer dereference") {
		t.Errorf("mode 1 recovered %v, want a nil pointer runtime.Error", r)
	}
	if err := ops.Fail(nil, 2); err == nil {
		t.Error("mode 2 succeeded")
	}
}
