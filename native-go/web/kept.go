package web

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
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

// appAndTier checks tier, which must be one of Tiers, and returns the app
// called app, built on its first use.
func appAndTier(app string, tier int64) (*App, Tier, error) {
	t := Tier(tier)
	switch {
	case t == ServerCaller:
		return nil, t, errors.New("no server-caller tier in the go lane: net/http serves every connection on a goroutine of its own")
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
