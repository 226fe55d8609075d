package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// The handler tier: each endpoint as a plain function with the libraries the
// stack uses (encoding/json, x/crypto/bcrypt, golang-jwt), and no router,
// framework or HTTP. An answer is a status and its JSON body (none for 413);
// http_check gives a body the content type Gin's c.JSON writes.

// HandleJSON is GET /json.
func (a *App) HandleJSON() (int, []byte) {
	return answer(http.StatusOK, hello)
}

// HandleLogin is POST /auth/login on the request's body, bound as Gin binds
// it (a json.Decoder refusing unknown members).
func (a *App) HandleLogin(body []byte) (int, []byte) {
	if len(body) > MaxBody {
		return http.StatusRequestEntityTooLarge, nil
	}
	if !validLoginJSON(body) {
		return answer(http.StatusBadRequest, badRequest)
	}
	var req loginRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || req.Email == nil || req.Password == nil {
		return answer(http.StatusBadRequest, badRequest)
	}
	return answer(a.login(*req.Email, *req.Password))
}

// HandleItems is GET /items with the request's Authorization header.
func (a *App) HandleItems(authorization string) (int, []byte) {
	if !a.authorized(authorization) {
		return answer(http.StatusUnauthorized, unauthorized)
	}
	return answer(http.StatusOK, a.items)
}

// answer writes v as Gin's c.JSON does (json.Marshal).
func answer(status int, v any) (int, []byte) {
	b, err := json.Marshal(v)
	if err != nil {
		return http.StatusInternalServerError, nil
	}
	return status, b
}

// handlerFor is the call of the endpoint req is for, with the inputs taken
// from req once (its body, its Authorization header). Routing is the
// framework's: a request for no endpoint is an error here.
func (a *App) handlerFor(req *http.Request, body []byte) (func() (int, []byte), error) {
	switch req.Method + " " + req.URL.Path {
	case "GET /json":
		return a.HandleJSON, nil
	case "POST /auth/login":
		return func() (int, []byte) { return a.HandleLogin(body) }, nil
	case "GET /items":
		authorization := req.Header.Get("Authorization")
		return func() (int, []byte) { return a.HandleItems(authorization) }, nil
	}
	return nil, fmt.Errorf("the handler tier has no endpoint for %s %s (routing is the framework's: use the framework or server tier)", req.Method, req.URL.Path)
}

// jsonContentType is what Gin's c.JSON writes; the handler tier's answers
// carry it too, as they are the same JSON.
const jsonContentType = "application/json; charset=utf-8"

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
