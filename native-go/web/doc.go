// Package web is the Go lane's web stack for the request benchmarks
// (lane-abi/OPS.md, "Requests"): Gin on net/http serving GET /json,
// POST /auth/login and GET /items, with the libraries the lane's ops use
// (encoding/json, golang.org/x/crypto/bcrypt, github.com/golang-jwt/jwt/v5).
//
// A request is served through one of three tiers, so that the differences
// between them give the layers' costs:
//   - handler: each endpoint's work as a plain function (handler.go);
//   - framework: the Gin engine (engine.go) and its ServeHTTP with a
//     response recorder (framework.go), on a request parsed once with
//     http.ReadRequest;
//   - server: net/http's real server with the engine as its handler, over
//     in-memory connections kept alive between requests (server.go,
//     memconn.go). net/http serves each connection on a goroutine of its
//     own, so there is no server-caller tier.
//
// The endpoints' work, which the tiers share, is in endpoints.go; the apps
// (equalised, as-written), built on their first use, in app.go.
//
// Keep, Run, Check and Release are the http ops of OPS.md (kept.go); the
// cgo exports in ../lane dispatch to them, and the benchmarks here time the
// same kept requests without JNI (`go test -bench Request`).
package web
