package ops

import "fmt"

type failTarget struct{ n int64 }

// nilTarget is a package variable so the compiler cannot prove the load below
// faults and must emit a real memory access.
var nilTarget *failTarget

// Fail never succeeds; it exercises the error path of a caller. Mode 0 panics
// with message; mode 1 loads through a nil pointer, a real SIGSEGV that the Go
// runtime turns into a panic. Any other mode is an ordinary error.
func Fail(message []byte, mode int64) error {
	switch mode {
	case 0:
		panic(string(message))
	case 1:
		return fmt.Errorf("fail: read %d through a nil pointer", nilTarget.n)
	default:
		return fmt.Errorf("fail mode %d is not 0 (panic) or 1 (nil dereference)", mode)
	}
}
