package ops_test

import (
	"bytes"
	"fmt"
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

// BenchmarkEcho is the Go side of Crossing.echo without cgo or JNI: at 64 KiB
// its time is mostly Go's own GC and the scavenger returning freed spans to
// the OS and faulting them back (compare with the figure through JNI).
func BenchmarkEcho(b *testing.B) {
	for _, size := range []int{0, 1024, 65536} {
		p := make([]byte, size)
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				echoSink = ops.Echo(p)
			}
		})
	}
}

var echoSink []byte
