// Command lane is the Go lane's C ABI (lane-abi/crossbench_lane.h),
// built with -buildmode=c-shared and loaded by the JNI bridge. It only converts
// arguments and dispatches; the ops live in crossbench/native-go/ops.
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../lane-abi
#include "crossbench_lane.h"

// Defined in sink.c.
void lane_ok(cb_sink *out, void *data, size_t len);
void lane_fail(cb_sink *out, char *message, size_t len);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// cb_start applies config (startConfig) and delivers ok, or why not: the Go
// runtime itself starts when the library is loaded.
//
//export cb_start
func cb_start(config unsafe.Pointer, configLen C.size_t, out *C.cb_sink) {
	defer recoverTo(out)
	deliver(out, nil, startConfig(borrow(config, configLen)))
}

// cb_op_index returns the index of the op called name, or -1.
//
//export cb_op_index
func cb_op_index(name *C.char, nameLen C.size_t) (index C.int) {
	defer func() {
		if recover() != nil {
			index = -1
		}
	}()
	return C.int(opIndex(borrow(unsafe.Pointer(name), nameLen)))
}

// cb_noop is the bare crossing, the baseline every op is compared with. It
// has no deferred recover: it cannot panic, and it must cost nothing but the
// call itself.
//
//export cb_noop
func cb_noop() {}

// cb_call runs op on a, b and n and delivers the result or the error to out.
// a and b are borrowed for this call only; nothing keeps them afterwards.
//
//export cb_call
func cb_call(op C.int, a unsafe.Pointer, aLen C.size_t, b unsafe.Pointer, bLen C.size_t, n C.int64_t, out *C.cb_sink) {
	defer recoverTo(out)
	res, err := call(int(op), borrow(a, aLen), borrow(b, bLen), int64(n))
	deliver(out, res, err)
}

// borrow views C memory as a slice without copying; the caller must not keep
// it after the export returns. NULL with length 0 is the empty slice.
func borrow(p unsafe.Pointer, n C.size_t) []byte {
	if p == nil || n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(p), int(n))
}

// deliver passes Go memory to the sink, which copies it before returning, so
// C holds no Go pointer once this call returns. A result that fits the sink's
// buffer (ABI 2) is copied into that C memory instead: no Go->C call.
func deliver(out *C.cb_sink, res []byte, err error) {
	if out == nil {
		return
	}
	if err == nil && out.buf != nil && uint64(len(res)) <= uint64(out.cap) {
		if len(res) > 0 {
			copy(unsafe.Slice((*byte)(out.buf), len(res)), res)
		}
		out.len = C.size_t(len(res))
		out.filled = 1
		return
	}
	if err != nil {
		msg := []byte(err.Error())
		if len(msg) == 0 {
			msg = []byte("error with no message")
		}
		C.lane_fail(out, (*C.char)(unsafe.Pointer(&msg[0])), C.size_t(len(msg)))
		return
	}
	var p unsafe.Pointer
	if len(res) > 0 {
		p = unsafe.Pointer(&res[0])
	}
	C.lane_ok(out, p, C.size_t(len(res)))
}

// recoverTo turns a panic that escaped everything else (e.g. in deliver) into
// a fail, so no panic crosses into C, where it would abort the process.
func recoverTo(out *C.cb_sink) {
	if r := recover(); r != nil {
		deliver(out, nil, fmt.Errorf("panic: %v", r))
	}
}

func main() {}
