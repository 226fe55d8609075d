// Package ops holds the Go lane's operations in plain Go, one file per concern,
// with the semantics in lane-abi/OPS.md. The cgo exports in ../lane are a
// thin dispatcher over these functions, so the numbers measured here with
// `go test -bench .` can be compared with the numbers measured through JNI.
//
// Every function checks its own inputs: the Java side checks them too, but the
// package must be safe to use on its own.
package ops
