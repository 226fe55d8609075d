package web

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

// The framework tier: the request dispatched through the app's Gin engine
// (engine.go) with a response recorder, as Gin's own tests serve requests:
// routing, binding, validation and writing, without HTTP bytes.

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
