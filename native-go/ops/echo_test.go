package ops_test

import (
	"bytes"
	"testing"

	"crossbench/native-go/ops"
)

func TestEchoCopies(t *testing.T) {
	in := []byte("hello")
	out := ops.Echo(in)
	if !bytes.Equal(out, in) {
		t.Fatalf("Echo(%q) = %q", in, out)
	}
	in[0] = 'j'
	if out[0] != 'h' {
		t.Fatal("Echo returned the caller's buffer, not a copy")
	}
	if out := ops.Echo(nil); len(out) != 0 {
		t.Fatalf("Echo(nil) = %q, want empty", out)
	}
}
