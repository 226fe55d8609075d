package web

import (
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// What net/http needs of a connection, end to end.
func TestMemConn(t *testing.T) {
	client, server := newConnPair()
	buf := make([]byte, 8)

	// Writes never wait; reads take what was written, in order.
	for _, s := range []string{"abc", "defgh"} {
		if n, err := client.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	if n, err := io.ReadFull(server, buf); n != 8 || err != nil || string(buf) != "abcdefgh" {
		t.Fatalf("ReadFull = %q, %v", buf[:n], err)
	}

	// A half-close: the server reads what came, then EOF, and can still answer.
	client.Write([]byte("end"))
	client.CloseWrite()
	if b, err := io.ReadAll(server); string(b) != "end" || err != nil {
		t.Errorf("after CloseWrite: %q, %v; want end, then EOF", b, err)
	}
	if _, err := server.Write([]byte("answer")); err != nil {
		t.Fatal(err)
	}
	if n, err := client.Read(buf); string(buf[:n]) != "answer" || err != nil {
		t.Errorf("answer after a half-close: %q, %v", buf[:n], err)
	}
	if _, err := client.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Write after CloseWrite: %v", err)
	}

	// A close: the other end reads EOF, and its writes fail.
	server.Close()
	if n, err := client.Read(buf); n != 0 || err != io.EOF {
		t.Errorf("Read after the server's close: %d, %v; want EOF", n, err)
	}
	if _, err := server.Read(buf); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Read after its own close: %v", err)
	}
	client2, server2 := newConnPair()
	client2.Close()
	if _, err := server2.Write([]byte("x")); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("Write to a closed end: %v", err)
	}
}

// A deadline wakes a waiting read, as net/http's abortPendingRead needs (a
// deadline in the past); the zero time clears it.
func TestMemConnDeadlines(t *testing.T) {
	client, server := newConnPair()
	buf := make([]byte, 1)
	done := make(chan error)
	go func() {
		_, err := server.Read(buf)
		done <- err
	}()
	server.SetReadDeadline(time.Unix(1, 0))
	if err := <-done; !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("read past its deadline: %v", err)
	}
	var netErr net.Error
	if err := server.SetReadDeadline(time.Unix(1, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := server.Read(buf); !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Errorf("a passed deadline is not a net.Error timeout: %v", err)
	}

	server.SetReadDeadline(time.Time{})
	client.Write([]byte("x"))
	if n, err := server.Read(buf); n != 1 || err != nil {
		t.Errorf("read after clearing the deadline: %d, %v", n, err)
	}

	go func() {
		_, err := server.Read(buf)
		done <- err
	}()
	server.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	if err := <-done; !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("read waiting for a future deadline: %v", err)
	}

	go func() {
		_, err := server.Read(buf)
		done <- err
	}()
	server.SetReadDeadline(time.Now().Add(time.Hour))
	server.Close()
	if err := <-done; !errors.Is(err, net.ErrClosed) {
		t.Errorf("waiting read when its end closes: %v", err)
	}
}

func TestMemListener(t *testing.T) {
	l := newMemListener()
	accepted := make(chan net.Conn)
	go func() {
		c, err := l.Accept()
		if err != nil {
			t.Error(err)
		}
		accepted <- c
	}()
	client, err := l.dial()
	if err != nil {
		t.Fatal(err)
	}
	server := <-accepted
	client.Write([]byte("x"))
	buf := make([]byte, 1)
	if n, err := server.Read(buf); n != 1 || err != nil {
		t.Errorf("the accepted end reads %d, %v", n, err)
	}
	l.Close()
	if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Close: %v", err)
	}
	if _, err := l.dial(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("dial after Close: %v", err)
	}
}
