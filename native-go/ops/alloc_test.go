package ops_test

import (
	"flag"
	"testing"

	"crossbench/native-go/ops"
)

var allocSink []byte

func TestAllocCountsAKnownAllocation(t *testing.T) {
	ops.AllocStart()
	allocSink = make([]byte, 1<<20)
	got, err := ops.AllocStop()
	if err != nil {
		t.Fatal(err)
	}
	// Anything else the process allocates meanwhile counts too (a GC worker, the test runner).
	if got < 1<<20 || got > 1<<20+64<<10 {
		t.Errorf("1 MiB allocated between alloc_start and alloc_stop counted as %d bytes", got)
	}
	if _, err := ops.AllocStop(); err == nil {
		t.Error("AllocStop without AllocStart: no error")
	}
}

// alloc_start/alloc_stop around an op agree with testing.B's B/op for it
// (both read MemStats.TotalAlloc), within 10%.
func TestAllocMatchesBenchmem(t *testing.T) {
	if testing.Short() {
		t.Skip("runs benchmarks")
	}
	doc := corpusFile(t, "medium.json")
	bt := flag.Lookup("test.benchtime")
	old := bt.Value.String()
	bt.Value.Set("200ms")
	defer bt.Value.Set(old)
	for _, lib := range ops.JSONLibraries {
		h, err := ops.JSONKeep(lib, doc)
		if err != nil {
			t.Fatal(err)
		}
		for name, op := range map[string]func() error{
			"tree":  func() error { _, err := ops.JSONTree(lib, doc); return err },
			"bind":  func() error { _, err := ops.JSONBind(lib, doc); return err },
			"write": func() error { _, err := ops.JSONWrite(h); return err },
		} {
			r := testing.Benchmark(func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if err := op(); err != nil {
						b.Fatal(err)
					}
				}
			})
			// As many runs as a short benchmark: sonic refills its pools
			// (emptied by each GC) now and then, which a few runs over-count.
			const runs = 2000
			ops.AllocStart()
			for i := 0; i < runs; i++ {
				if err := op(); err != nil {
					t.Fatal(err)
				}
			}
			total, err := ops.AllocStop()
			if err != nil {
				t.Fatal(err)
			}
			perOp, bench := float64(total)/runs, float64(r.AllocedBytesPerOp())
			t.Logf("%s %s: alloc_stop %.0f B/op, benchmem %.0f B/op", lib.Role(), name, perOp, bench)
			if perOp < bench*0.9 || perOp > bench*1.1 {
				t.Errorf("%s %s: alloc_stop gives %.0f B/op, benchmem %.0f B/op: over 10%% apart", lib.Role(), name, perOp, bench)
			}
		}
		ops.JSONRelease(h)
	}
}
