package ops_test

import (
	"bytes"
	"strconv"
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

//go:noinline
func noop() {}

// BenchmarkCrossing is Crossing of the suite without the crossing: noop is an
// empty call (the lane's cb_noop is an empty export), echo/SIZE copies SIZE
// bytes into a Go-owned buffer as the lane's echo does. At 64 KiB its time is
// mostly Go's own GC and the scavenger returning freed spans to the OS and
// faulting them back (scripts/toll/README.md).
func BenchmarkCrossing(b *testing.B) {
	b.Run("noop", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			noop()
		}
	})
	b.Run("echo", func(b *testing.B) {
		for _, size := range []int{0, 1024, 65536} {
			payload := make([]byte, size)
			for i := range payload {
				payload[i] = byte(i)
			}
			b.Run(strconv.Itoa(size), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					sink += len(ops.Echo(payload))
				}
			})
		}
	})
}
