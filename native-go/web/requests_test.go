package web

import (
	"bytes"
	"fmt"
	"mime"
	"strconv"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"crossbench/native-go/ops"
)

// concerns are the tiers a request of expected.tsv concerns, by its tiers column.
var concerns = map[string][]Tier{
	"all":    {Handler, Framework, Server},
	"routed": {Framework, Server},
	"server": {Server},
}

// hostile is what this stack answers to the requests where HTTP itself is
// wrong (expected.tsv's 4xx-or-close), and whether the server keeps the
// connection alive after it:
//   - net/http's own 400, and a close, for a request line or Content-Length
//     headers it refuses;
//   - the login's own 400 for chunks that do not read: net/http reads a body
//     only when the handler does; then it closes, the body being unread;
//   - 200 where net/http takes the request, which differs from expected.tsv:
//     oversized-header, because net/http reads up to 1 MiB of headers
//     (http.DefaultMaxHeaderBytes, which gin.Engine.Run keeps);
//     content-length-and-chunked, because net/http follows RFC 9112 6.3:
//     Transfer-Encoding overrides Content-Length, which it removes (and it
//     keeps the connection alive, which that section says a server must not).
var hostile = map[string]struct {
	status    int
	keptAlive bool
}{
	"bad-request-line.http":           {400, false},
	"oversized-header.http":           {200, true},
	"duplicate-content-length.http":   {400, false},
	"content-length-and-chunked.http": {200, true},
	"bad-chunked.http":                {400, false},
}

// Every request of expected.tsv, through every tier it concerns: the status
// it expects (or, for 4xx-or-close, the one pinned in hostile) and the body
// of OPS.md; then kept and run twice, with the same status and body length.
func TestCorpusRequests(t *testing.T) {
	for _, r := range corpusRequests(t) {
		tiers, ok := concerns[r.Tiers]
		if !ok {
			t.Fatalf("%s: tiers %q is not all, routed or server", r.Name, r.Tiers)
		}
		want, keptAlive := r.Expected, true
		if want == "4xx-or-close" {
			pinned, ok := hostile[r.Name]
			if !ok {
				t.Fatalf("%s: no answer pinned for a 4xx-or-close request", r.Name)
			}
			want, keptAlive = strconv.Itoa(pinned.status), pinned.keptAlive
		}
		for _, tier := range tiers {
			t.Run(tier.String()+"/"+r.Name, func(t *testing.T) {
				got, err := Check(r.Bytes, Equalised, int64(tier))
				if err != nil {
					t.Fatal(err)
				}
				if strconv.Itoa(got.Status) != want {
					t.Fatalf("status %d, want %s (%q)", got.Status, want, got.Body)
				}
				checkBody(t, r.Name, got)
				checkKept(t, r.Bytes, tier, got, keptAlive)
			})
		}
	}
}

// checkBody holds an answer to OPS.md: the endpoints' JSON, the framework's
// own 404, 405 and 413, net/http's own 400.
func checkBody(t *testing.T, name string, got Answer) {
	t.Helper()
	switch {
	case got.Status == 200 && name == "json.http" || name == "oversized-header.http":
		wantJSON(t, got, `{"message":"Hello, World!"}`)
	case got.Status == 200 && strings.HasPrefix(name, "items"):
		wantJSONType(t, got)
		want, err := ops.JSONBindDigest(ops.Usual, corpusFile(t, "medium.json"))
		if err != nil {
			t.Fatal(err)
		}
		if d, err := ops.JSONTreeDigest(ops.Usual, got.Body); err != nil || d != want {
			t.Errorf("items: digest %s, %v; want medium.json's records, %s", d, err, want)
		}
	case got.Status == 200:
		wantJSONType(t, got)
		checkToken(t, got.Body)
	case got.Status == 400 && (name == "bad-request-line.http" || name == "duplicate-content-length.http"):
		if string(got.Body) != "400 Bad Request" {
			t.Errorf("net/http's 400: %q", got.Body)
		}
	case got.Status == 400:
		wantJSON(t, got, `{"error":"bad request"}`)
	case got.Status == 401:
		wantJSON(t, got, `{"error":"unauthorized"}`)
	case got.Status == 404:
		wantPlain(t, got, "404 page not found")
	case got.Status == 405:
		wantPlain(t, got, "405 method not allowed")
	case got.Status == 413:
		if len(got.Body) != 0 || got.ContentType != "" {
			t.Errorf("413: %q %q; want Gin's AbortWithStatus, no body", got.ContentType, got.Body)
		}
	default:
		t.Errorf("no body rule for %d", got.Status)
	}
}

func wantJSON(t *testing.T, got Answer, body string) {
	t.Helper()
	wantJSONType(t, got)
	if string(got.Body) != body {
		t.Errorf("body %q, want %q", got.Body, body)
	}
}

func wantJSONType(t *testing.T, got Answer) {
	t.Helper()
	if media, _, err := mime.ParseMediaType(got.ContentType); err != nil || media != "application/json" {
		t.Errorf("content type %q, want application/json", got.ContentType)
	}
}

func wantPlain(t *testing.T, got Answer, body string) {
	t.Helper()
	if got.ContentType != "text/plain" || string(got.Body) != body {
		t.Errorf("%q %q; want Gin's own text/plain %q", got.ContentType, got.Body, body)
	}
}

// checkToken holds a login's answer to OPS.md: {"token": <jwt>}, HS256 with
// the corpus key, sub "42", exp - iat = 3600.
func checkToken(t *testing.T, body []byte) {
	t.Helper()
	var claims jwt.RegisteredClaims
	prefix, suffix := `{"token":"`, `"}`
	if !bytes.HasPrefix(body, []byte(prefix)) || !bytes.HasSuffix(body, []byte(suffix)) {
		t.Fatalf("login answer %q is not {\"token\": ...}", body)
	}
	token := body[len(prefix) : len(body)-len(suffix)]
	key := corpusFile(t, "jwt-key")
	if _, err := jwt.ParseWithClaims(string(token), &claims, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired()); err != nil {
		t.Fatalf("token %s: %v", token, err)
	}
	if claims.Subject != "42" || claims.ExpiresAt.Unix()-claims.IssuedAt.Unix() != 3600 {
		t.Errorf("token claims %+v; want sub 42, exp - iat = 3600", claims)
	}
	if err := ops.JWTVerifyBearer(token, key); err != nil {
		t.Errorf("the lane's own bearer check refuses its token: %v", err)
	}
}

// checkKept keeps a request for a tier and runs it twice: the status and body
// length of the check each time. A server-tier request whose answer closes
// the connection cannot be kept, and says so.
func checkKept(t *testing.T, request []byte, tier Tier, checked Answer, keptAlive bool) {
	t.Helper()
	h, err := Keep(request, Equalised, int64(tier))
	if !keptAlive {
		if err == nil || !strings.Contains(err.Error(), "closes the connection") {
			t.Errorf("Keep = %d, %v; want the closed connection named", h, err)
			Release(h)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer Release(h)
	for i := 0; i < 2; i++ {
		status, length, err := Run(h)
		if err != nil || status != checked.Status || length != len(checked.Body) {
			t.Errorf("run %d: %d, %d bytes, %v; the check answered %d, %d bytes", i, status, length, err, checked.Status, len(checked.Body))
		}
	}
}

// The as-written login: Go's bcrypt.DefaultCost is 10, so its store holds the
// cost-10 hash, as the equalised one does.
func TestAsWrittenLogin(t *testing.T) {
	login := corpusRequest(t, "login.http")
	for _, tier := range Tiers {
		got, err := Check(login, AsWritten, int64(tier))
		if err != nil || got.Status != 200 {
			t.Fatalf("%s: %d %q, %v", tier, got.Status, got.Body, err)
		}
		checkToken(t, got.Body)
	}
	a, err := appNamed(AsWritten)
	if err != nil {
		t.Fatal(err)
	}
	if hash := a.users["user1@example.com"].PasswordHash; hash != string(corpusFile(t, "password-bcrypt-10")) {
		t.Errorf("as-written hash %s, want the cost-10 one (bcrypt.DefaultCost)", hash)
	}
}

// The users rule of OPS.md: users 1 to 1000, every one with the password.
func TestUsers(t *testing.T) {
	for _, tc := range []struct {
		user   int
		status int
	}{{1, 200}, {1000, 200}, {0, 401}, {1001, 401}} {
		body := fmt.Sprintf(`{"email":"user%d@example.com","password":%q}`, tc.user, corpusFile(t, "password"))
		if got := loginAnswer(t, Handler, body); got.Status != tc.status {
			t.Errorf("user %d: %d %q, want %d", tc.user, got.Status, got.Body, tc.status)
		}
	}
}

// The login bodies beyond the corpus, the same through every tier. Go's
// encoding/json matches member names without regard to case, so a member
// named "EMAIL" is taken for email: pinned, as OPS.md's other lanes refuse it.
func TestLoginBodies(t *testing.T) {
	password := string(corpusFile(t, "password"))
	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"email":"user42@example.com","password":"` + password + `"}`, 200},
		{` {"password":"` + password + `", "email":"user42@example.com"} `, 200},
		{`{"email":"","password":"` + password + `"}`, 401},                                  // a string, of no user
		{`{"email":"user42@example.com","password":""}`, 400},                                // a password of 1 to 72 bytes
		{`{"email":"user42@example.com","password":"` + strings.Repeat("é", 37) + `"}`, 400}, // 74 bytes
		{`{"email":"user42@example.com","password":"` + strings.Repeat("x", 72) + `"}`, 401},
		{`{"email":null,"password":"` + password + `"}`, 400},
		{`{"email":"user42@example.com","password":"` + password + `"} {}`, 400},
		{`{"email":"user42@example.com","password":"` + password + `"}x`, 400},
		{`null`, 400},
		{``, 400},
		{`{}`, 400},
		{`{"EMAIL":"user42@example.com","Password":"` + password + `"}`, 200}, // encoding/json's case-insensitive names
	} {
		for _, tier := range Tiers {
			if got := loginAnswer(t, tier, tc.body); got.Status != tc.status {
				t.Errorf("%s: %s: %d %q, want %d", tier, tc.body, got.Status, got.Body, tc.status)
			}
		}
	}
}

// loginAnswer checks a POST /auth/login of body through tier.
func loginAnswer(t *testing.T, tier Tier, body string) Answer {
	t.Helper()
	request := fmt.Sprintf("POST /auth/login HTTP/1.1\r\nHost: crossbench\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	got, err := Check([]byte(request), Equalised, int64(tier))
	if err != nil {
		t.Fatal(err)
	}
	return got
}
