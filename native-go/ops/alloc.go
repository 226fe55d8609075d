package ops

import (
	"errors"
	"runtime"
	"sync"
)

// alloc is the state of alloc_start/alloc_stop: the heap's cumulative bytes
// allocated when counting started.
var alloc struct {
	sync.Mutex
	on    bool
	start uint64
}

// AllocStart starts counting the bytes allocated to the Go heap (by every
// goroutine and thread of the process, not only the caller), resetting the count.
func AllocStart() {
	total := heapAllocated()
	alloc.Lock()
	alloc.on, alloc.start = true, total
	alloc.Unlock()
}

// AllocStop stops counting and returns the bytes allocated since AllocStart.
func AllocStop() (uint64, error) {
	total := heapAllocated()
	alloc.Lock()
	defer alloc.Unlock()
	if !alloc.on {
		return 0, errors.New("alloc_stop without alloc_start")
	}
	alloc.on = false
	return total - alloc.start, nil
}

// heapAllocated is MemStats.TotalAlloc, as testing.B's ReportAllocs reads it.
// runtime/metrics' /gc/heap/allocs:bytes (the same counter) counts a small
// object only when its span leaves the P's cache: here 100 allocations of
// 64 B read as 4,608 B and one as 419,320 B. ReadMemStats stops the world and flushes the caches
// first (tens of microseconds: for an untimed pass only).
func heapAllocated() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}
