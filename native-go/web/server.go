package web

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

// readTimeout bounds every wait for an answer that is not yet known to come:
// a server that never answers is a failure naming the request, not a hang.
const readTimeout = 10 * time.Second

// server is an app's net/http server with its Gin engine as the handler,
// serving in-memory connections: net/http's defaults (no timeouts, 1 MiB of
// headers), as gin.Engine.Run serves, and a goroutine per connection.
type server struct {
	listener *memListener
}

func newServer(handler http.Handler) *server {
	s := &server{listener: newMemListener()}
	// Serve returns when the listener closes: never, an app lives as long as the process.
	go (&http.Server{Handler: handler}).Serve(s.listener)
	return s
}

// clientConn is a client's end of one connection to a server, kept alive
// between requests.
type clientConn struct {
	conn   *memConn
	reader *bufio.Reader
}

func (s *server) dial() (*clientConn, error) {
	conn, err := s.listener.dial()
	if err != nil {
		return nil, err
	}
	return &clientConn{conn: conn, reader: bufio.NewReader(conn)}, nil
}

// readAnswer reads one complete answer (framed by its Content-Length or its
// chunks), its body into body; head is the request's method, which says
// whether an answer has a body. An error names what went wrong, not the
// request: the callers add it.
func (c *clientConn) readAnswer(head *http.Request, body io.Writer) (*http.Response, int64, error) {
	resp, err := http.ReadResponse(c.reader, head)
	if err != nil {
		return nil, 0, readFailure(err)
	}
	n, err := io.Copy(body, resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, 0, readFailure(err)
	}
	return resp, n, nil
}

func readFailure(err error) error {
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("no complete answer within %s", readTimeout)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("the server closed the connection in the middle of its answer: %w", err)
	}
	return fmt.Errorf("reading the answer: %w", err)
}

// checkServer serves request once on a fresh connection, as http_check does: it
// writes the request and reads until the answer is complete or the server
// closes, within the read timeout. It keeps its side of the connection open,
// as a keep-alive client does (a half-close reads as a disconnect to some
// servers). A server that closes without answering gives status 0.
func checkServer(a *App, request []byte) (Answer, error) {
	c, err := a.server.dial()
	if err != nil {
		return Answer{}, err
	}
	defer c.conn.Close()
	if _, err := c.conn.Write(request); err != nil {
		return Answer{}, err
	}
	c.conn.SetReadDeadline(time.Now().Add(readTimeout))
	if _, err := c.reader.Peek(1); errors.Is(err, io.EOF) {
		return Answer{}, nil
	}
	var body bytes.Buffer
	resp, _, err := c.readAnswer(headOf(request), &body)
	if err != nil {
		return Answer{}, err
	}
	return Answer{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body.Bytes()}, nil
}

// headOf is what http.ReadResponse needs of the request: its method (a HEAD
// answer has no body). A request whose line does not parse gets GET.
func headOf(request []byte) *http.Request {
	method, _, ok := bytes.Cut(request, []byte(" "))
	if !ok || len(method) > 16 {
		return &http.Request{Method: http.MethodGet}
	}
	return &http.Request{Method: string(method)}
}

// serverKept is one connection to the app's server, kept alive, and the
// request each run writes on it.
type serverKept struct {
	mu      sync.Mutex // one request in flight on a connection
	client  *clientConn
	request []byte
	head    *http.Request
}

// keepServer dials a connection and serves the request once on it, bounded
// in time: a request that gets no complete answer, or whose answer closes
// the connection, fails here rather than hanging or failing a later run.
// Runs then wait without a deadline, so no timer is set and stopped inside
// the time a run measures; the kept bytes are a copy, and get the same
// answer each time.
func keepServer(a *App, request []byte) (*serverKept, error) {
	client, err := a.server.dial()
	if err != nil {
		return nil, err
	}
	k := &serverKept{client: client, request: request, head: headOf(request)}
	client.conn.SetReadDeadline(time.Now().Add(readTimeout))
	resp, _, err := k.exchange()
	client.conn.SetReadDeadline(time.Time{})
	if err == nil && resp.Close {
		err = fmt.Errorf("the server answers %d and closes the connection: it cannot be kept alive (http_check serves it)", resp.StatusCode)
	}
	if err != nil {
		client.conn.Close()
		return nil, err
	}
	return k, nil
}

// exchange writes the request and reads its answer, the body discarded.
func (k *serverKept) exchange() (*http.Response, int64, error) {
	if _, err := k.client.conn.Write(k.request); err != nil {
		return nil, 0, fmt.Errorf("the server closed the connection: %w", err)
	}
	return k.client.readAnswer(k.head, io.Discard)
}

func (k *serverKept) run() (int, int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	resp, n, err := k.exchange()
	if err != nil {
		return 0, 0, failed(Server, k.request, err)
	}
	return resp.StatusCode, int(n), nil
}

func (k *serverKept) release() {
	k.client.conn.Close()
}
