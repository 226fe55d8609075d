package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The http ops of OPS.md: http_keep prepares a request for a tier once,
// http_run serves it, http_check serves a request once with its whole
// answer, http_release forgets a kept request.

// Tier is a layer of the stack a request is served through: n of the http
// ops, the ordinal of the Java side's HttpTier.
type Tier int64

const (
	Handler Tier = iota
	Framework
	Server
	ServerCaller
)

var tierNames = []string{"handler", "framework", "server", "server-caller"}

func (t Tier) String() string {
	if t < 0 || int(t) >= len(tierNames) {
		return "tier " + strconv.FormatInt(int64(t), 10)
	}
	return tierNames[t]
}

// Tiers are the tiers this stack answers, versions' http_tiers.
var Tiers = []Tier{Handler, Framework, Server}

// Answer is a request's whole answer: its status (0 when the server closed
// the connection without answering), its content type and its body.
type Answer struct {
	Status      int
	ContentType string
	Body        []byte
}

// jsonContentType is what Gin's c.JSON writes; the handler tier's answers
// carry it too, as they are the same JSON.
const jsonContentType = "application/json; charset=utf-8"

// kept is a request prepared for a tier by Keep.
type kept interface {
	// run serves the request once: the status and the body's length.
	run() (status, length int, err error)
	// release closes what the request holds (a connection).
	release()
}

// keptRequests maps a handle to its kept request. A sync.Map, as json_keep's
// records: two threads running their own handles write no shared memory.
var (
	keptRequests sync.Map
	lastHandle   atomic.Int64
)

// serving is how each tier keeps a request and checks one.
var serving = [...]struct {
	keep  func(a *App, request []byte) (kept, error)
	check func(a *App, request []byte) (Answer, error)
}{
	Handler:   {func(a *App, request []byte) (kept, error) { return keepHandler(a, request) }, checkHandler},
	Framework: {func(a *App, request []byte) (kept, error) { return keepFramework(a, request) }, checkFramework},
	Server:    {func(a *App, request []byte) (kept, error) { return keepServer(a, request) }, checkServer},
}

// Keep prepares request for tier in the app called app and returns its
// handle, positive and unique in this process. request is only borrowed (the
// lane's callers free it when the call returns): what is kept is a copy.
func Keep(request []byte, app string, tier int64) (int64, error) {
	a, t, err := appAndTier(app, tier)
	if err != nil {
		return 0, err
	}
	k, err := serving[t].keep(a, bytes.Clone(request))
	if err != nil {
		return 0, failed(t, request, err)
	}
	h := lastHandle.Add(1)
	keptRequests.Store(h, k)
	return h, nil
}

// Run serves the request kept under handle once.
func Run(handle int64) (status, length int, err error) {
	k, ok := keptRequests.Load(handle)
	if !ok {
		return 0, 0, noKept(handle)
	}
	return k.(kept).run()
}

// Release forgets the request kept under handle and closes its connection.
func Release(handle int64) error {
	k, ok := keptRequests.LoadAndDelete(handle)
	if !ok {
		return noKept(handle)
	}
	k.(kept).release()
	return nil
}

func noKept(handle int64) error {
	return fmt.Errorf("no kept request %d", handle)
}

// Check serves request once through tier, on a fresh connection for the
// server tier, and returns the whole answer.
func Check(request []byte, app string, tier int64) (Answer, error) {
	a, t, err := appAndTier(app, tier)
	if err != nil {
		return Answer{}, err
	}
	answer, err := serving[t].check(a, request)
	if err != nil {
		return Answer{}, failed(t, request, err)
	}
	return answer, nil
}

// failed names the tier and the request an error came from.
func failed(t Tier, request []byte, err error) error {
	return fmt.Errorf("%s tier, request %s: %w", t, requestLine(request), err)
}

func appAndTier(app string, tier int64) (*App, Tier, error) {
	t := Tier(tier)
	switch {
	case t == ServerCaller:
		return nil, t, fmt.Errorf("no server-caller tier in the go lane: net/http serves every connection on a goroutine of its own")
	case t < Handler || t > ServerCaller:
		return nil, t, fmt.Errorf("no HTTP tier %d: tiers 0 handler, 1 framework, 2 server, 3 server-caller", tier)
	}
	a, err := appNamed(app)
	return a, t, err
}

// requestLine names a request in errors: its first line, quoted, cut at 80 bytes.
func requestLine(request []byte) string {
	line, _, _ := bytes.Cut(request, []byte("\r\n"))
	if len(line) > 80 {
		line = line[:80]
	}
	return strconv.Quote(string(line))
}

// parse reads request as the server would, once, body included (its chunks
// undone), for the tiers that take no HTTP bytes.
func parse(request []byte) (*http.Request, []byte, error) {
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(request)))
	if err != nil {
		return nil, nil, fmt.Errorf("it does not parse: %w", err)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, nil, fmt.Errorf("its body does not read: %w", err)
	}
	return req, body, nil
}

// handlerKept is the endpoint's call, with the request's inputs.
type handlerKept struct {
	call func() (int, []byte)
}

func keepHandler(a *App, request []byte) (*handlerKept, error) {
	req, body, err := parse(request)
	if err != nil {
		return nil, err
	}
	call, err := a.handlerFor(req, body)
	if err != nil {
		return nil, err
	}
	return &handlerKept{call}, nil
}

func (k *handlerKept) run() (int, int, error) {
	status, body := k.call()
	return status, len(body), nil
}

func (k *handlerKept) release() {}

func checkHandler(a *App, request []byte) (Answer, error) {
	k, err := keepHandler(a, request)
	if err != nil {
		return Answer{}, err
	}
	status, body := k.call()
	contentType := jsonContentType
	if body == nil {
		contentType = ""
	}
	return Answer{Status: status, ContentType: contentType, Body: body}, nil
}

// frameworkKept is the request parsed once into Gin's request object, and its
// body, which each run reads again from the start.
type frameworkKept struct {
	mu     sync.Mutex // a run sets req.Body, which the body limit replaces
	engine http.Handler
	req    *http.Request
	body   []byte
	reader *bytes.Reader
	reset  io.ReadCloser // reader, as a request body
}

func keepFramework(a *App, request []byte) (*frameworkKept, error) {
	req, body, err := parse(request)
	if err != nil {
		return nil, err
	}
	reader := bytes.NewReader(body)
	return &frameworkKept{engine: a.engine, req: req, body: body, reader: reader, reset: io.NopCloser(reader)}, nil
}

// serve dispatches the request through the engine into a new recorder, as
// Gin's own tests do.
func (k *frameworkKept) serve() *httptest.ResponseRecorder {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.reader.Reset(k.body)
	k.req.Body = k.reset
	rec := httptest.NewRecorder()
	k.engine.ServeHTTP(rec, k.req)
	return rec
}

func (k *frameworkKept) run() (int, int, error) {
	rec := k.serve()
	return rec.Code, rec.Body.Len(), nil
}

func (k *frameworkKept) release() {}

func checkFramework(a *App, request []byte) (Answer, error) {
	k, err := keepFramework(a, request)
	if err != nil {
		return Answer{}, err
	}
	rec := k.serve()
	return Answer{Status: rec.Code, ContentType: rec.Header().Get("Content-Type"), Body: rec.Body.Bytes()}, nil
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
// the connection, fails here rather than hanging or failing a later run,
// which waits without a timer.
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
