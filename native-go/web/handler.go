package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// The handler tier: each endpoint as a plain function with the libraries the
// stack uses (encoding/json, x/crypto/bcrypt, golang-jwt), and no router,
// framework or HTTP. An answer is a status and its JSON body; the body is
// always JSON, so it carries no content type of its own.

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
