package web

import (
	"io"
	"net"
	"os"
	"sync"
	"time"
)

// The server tier's connections: net/http's real server over in-memory
// connections, as net/http's own BenchmarkServerFakeConnWithKeepAlive serves
// a fake net.Conn from a oneConnListener. Unlike net.Pipe, a write never
// waits for the reader (a socket's send buffer does not either), so a request
// or a response crosses in one hand-off, and a side can close its writing
// half, as http_check does (OPS.md).

// pipe is one direction of a connection: the bytes written and not yet read.
// A read waits for bytes, for the writer's close (then io.EOF once the bytes
// are read), for the reader's own close, or for the read deadline.
type pipe struct {
	mu       sync.Mutex
	changed  sync.Cond // on mu; broadcast on every change a waiting read looks at
	buf      []byte    // unread bytes are buf[off:]
	off      int
	eof      bool // the writing side closed
	closed   bool // the reading side closed: reads and writes fail
	deadline time.Time
	expired  bool        // deadline has passed
	timer    *time.Timer // wakes a waiting read at the deadline; made on the first deadline
}

func newPipe() *pipe {
	p := &pipe{}
	p.changed.L = &p.mu
	return p
}

func (p *pipe) read(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		switch {
		case p.closed:
			return 0, net.ErrClosed
		case p.expired: // as a socket: a passed deadline fails the read even with bytes waiting
			return 0, os.ErrDeadlineExceeded
		case p.off < len(p.buf):
			n := copy(b, p.buf[p.off:])
			p.off += n
			if p.off == len(p.buf) { // all read: the next write reuses the space
				p.buf, p.off = p.buf[:0], 0
			}
			return n, nil
		case p.eof:
			return 0, io.EOF
		}
		p.changed.Wait()
	}
}

func (p *pipe) write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.closed:
		return 0, io.ErrClosedPipe // the reader is gone, as a reset socket
	case p.eof:
		return 0, net.ErrClosed // this side closed its writing half
	}
	p.buf = append(p.buf, b...)
	p.changed.Broadcast()
	return len(b), nil
}

func (p *pipe) closeWrite() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.eof = true
	p.changed.Broadcast()
}

func (p *pipe) closeRead() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.buf, p.off = nil, 0
	if p.timer != nil {
		p.timer.Stop()
	}
	p.changed.Broadcast()
}

// setDeadline bounds reads as net.Conn's SetReadDeadline does: net/http sets a
// deadline in the past to stop its background read, and clears it (the zero
// time) before each request, so the zero time costs no timer.
func (p *pipe) setDeadline(t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.deadline, p.expired = t, false
	if p.timer != nil {
		p.timer.Stop()
	}
	if t.IsZero() {
		return
	}
	d := time.Until(t)
	switch {
	case d <= 0:
		p.expired = true
		p.changed.Broadcast()
	case p.timer == nil:
		p.timer = time.AfterFunc(d, p.expire)
	default:
		p.timer.Reset(d)
	}
}

// expire runs on the timer's goroutine; a deadline moved since it was set is
// left alone (Stop does not wait for a callback already started).
func (p *pipe) expire() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.deadline.IsZero() && !time.Now().Before(p.deadline) {
		p.expired = true
		p.changed.Broadcast()
	}
}

// memConn is one end of an in-memory connection: it reads in and writes out.
type memConn struct {
	in, out *pipe
}

// newConnPair returns the two ends of a new connection.
func newConnPair() (client, server *memConn) {
	up, down := newPipe(), newPipe()
	return &memConn{in: down, out: up}, &memConn{in: up, out: down}
}

func (c *memConn) Read(b []byte) (int, error)  { return c.in.read(b) }
func (c *memConn) Write(b []byte) (int, error) { return c.out.write(b) }

// Close closes both halves: the other end reads EOF, and its writes fail.
func (c *memConn) Close() error {
	c.in.closeRead()
	c.out.closeWrite()
	return nil
}

// CloseWrite ends this side's writing: the other end reads EOF once it has
// read what was written, and can still answer (a TCP half-close).
func (c *memConn) CloseWrite() error {
	c.out.closeWrite()
	return nil
}

func (c *memConn) SetDeadline(t time.Time) error     { return c.SetReadDeadline(t) }
func (c *memConn) SetReadDeadline(t time.Time) error { c.in.setDeadline(t); return nil }

// SetWriteDeadline has nothing to bound: writes never wait.
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }

func (c *memConn) LocalAddr() net.Addr  { return memAddr{} }
func (c *memConn) RemoteAddr() net.Addr { return memAddr{} }

type memAddr struct{}

func (memAddr) Network() string { return "memory" }
func (memAddr) String() string  { return "memory" }

// memListener hands the server the connections that dial makes.
type memListener struct {
	conns     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
}

func newMemListener() *memListener {
	return &memListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *memListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *memListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return nil
}

func (l *memListener) Addr() net.Addr { return memAddr{} }

// dial makes a connection, hands its server end to Accept and returns the
// client end.
func (l *memListener) dial() (*memConn, error) {
	client, server := newConnPair()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}
