package ops

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// kept are the records of one json_keep: read-only once stored, so json_write
// may serialise them from several threads at once.
type kept struct {
	lib   *jsonLibrary
	users []User
}

// keptRecords maps a handle to its *kept. A sync.Map because json_write's
// lookups (from 2 threads in the benchmarks) then write no shared memory, as
// an RWMutex's RLock would.
var (
	keptRecords sync.Map
	lastHandle  atomic.Int64
)

// JSONKeep binds doc as JSONBind does and keeps the records; it returns their
// handle, positive and unique in this process.
func JSONKeep(lib Library, doc []byte) (int64, error) {
	l, users, err := bindTimed(lib, doc)
	if err != nil {
		return 0, err
	}
	h := lastHandle.Add(1)
	keptRecords.Store(h, &kept{l, users})
	return h, nil
}

// JSONWrite serialises the records kept under handle with the library that
// bound them and returns the number of bytes written; the bytes are dropped,
// as a response body once sent.
func JSONWrite(handle int64) (int, error) {
	k, err := lookup(handle)
	if err != nil {
		return 0, err
	}
	b, err := k.lib.write(k.users)
	if err != nil {
		return 0, fmt.Errorf("write users: %w", err)
	}
	return len(b), nil
}

// JSONRelease forgets the records kept under handle.
func JSONRelease(handle int64) error {
	if _, ok := keptRecords.LoadAndDelete(handle); !ok {
		return noKept(handle)
	}
	return nil
}

func lookup(handle int64) (*kept, error) {
	k, ok := keptRecords.Load(handle)
	if !ok {
		return nil, noKept(handle)
	}
	return k.(*kept), nil
}

func noKept(handle int64) error {
	return fmt.Errorf("no kept records %d", handle)
}

// JSONWriteDigest binds doc after the whole contract check (as
// JSONBindDigest), writes the records as JSONWrite does, and digests what was
// written through the strict digest path (CheckDocument and encoding/json),
// so a library that writes outside the contract fails here. For every
// accepted document it equals JSONBindDigest.
func JSONWriteDigest(lib Library, doc []byte) (string, error) {
	_, b, err := writeChecked(lib, doc)
	if err != nil {
		return "", err
	}
	d, err := JSONTreeDigest(Usual, b)
	if err != nil {
		return "", fmt.Errorf("the written records: %w", err)
	}
	return d, nil
}
