package ops_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"crossbench/native-go/ops"
)

var jwtKey = []byte("a key of at least thirty-two bytes!")

// exp 4102444800 is 2100-01-01; big is beyond float64's exact integers (2^53 + 1).
const jwtClaims = `{"sub":"42","name":"Ann <&>","exp":4102444800,"big":9007199254740993}`

func TestJWTRoundTrip(t *testing.T) {
	tok, err := ops.JWTSign([]byte(jwtClaims), jwtKey)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not a compact JWS", tok)
	}
	// {"alg":"HS256","typ":"JWT"}, the header every lane writes.
	if parts[0] != "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" {
		t.Errorf("header = %s", parts[0])
	}
	got, err := ops.JWTVerify([]byte(tok), jwtKey)
	if err != nil {
		t.Fatal(err)
	}
	// The payload exactly as signed: golang-jwt writes the members sorted.
	want := `{"big":9007199254740993,"exp":4102444800,"name":"Ann \u003c\u0026\u003e","sub":"42"}`
	if string(got) != want {
		t.Errorf("claims = %s, want %s", got, want)
	}
}

func TestJWTSignRejects(t *testing.T) {
	for _, claims := range []string{``, `null`, `[1,2]`, `"sub"`, `{"a":1} {}`, `{"a":`,
		`{"n":NaN}`, `{"n":1e400}`, `{"n":-1e400}`, `{"n":123456789012345678901234567890}`, `{"n":9223372036854775808}`,
		`{"s":"\ud800"}`, `{"s":"\udc00\ud800"}`, `{"iss":1}`, `{"iss":null}`, "{\"s\":\"\xff\"}", "\xef\xbb\xbf{}",
		`{"n":` + strings.Repeat("1", 101) + `}`, strings.Repeat(`{"a":`, 65) + `1` + strings.Repeat(`}`, 65)} {
		if tok, err := ops.JWTSign([]byte(claims), jwtKey); err == nil {
			t.Errorf("sign %q = %s, want an error", claims, tok)
		}
	}
	for _, claims := range []string{`{"n":9223372036854775807}`, `{"n":1e-400}`, `{"s":"\ud83d\ude80"}`, ` {"a":[1,{"b":null}]} `,
		`{"n":` + strings.Repeat("1", 18) + `}`, strings.Repeat(`{"a":`, 64) + `1` + strings.Repeat(`}`, 64)} {
		if _, err := ops.JWTSign([]byte(claims), jwtKey); err != nil {
			t.Errorf("sign %q: %v", claims, err)
		}
	}
	if _, err := ops.JWTSign([]byte(`{}`), nil); err == nil {
		t.Error("sign with an empty key succeeded")
	}
}

func TestJWTVerifyRejects(t *testing.T) {
	tok, err := ops.JWTSign([]byte(jwtClaims), jwtKey)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok, ".")
	other, _ := ops.JWTSign([]byte(`{"sub":"43","exp":4102444800}`), jwtKey)
	tampered := parts[0] + "." + strings.Split(other, ".")[1] + "." + parts[2]

	claims := jwt.MapClaims{"sub": "42", "exp": 4102444800}
	hs512, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, claims).SignedString(jwtKey)
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	expired, _ := ops.JWTSign([]byte(`{"sub":"42","exp":`+strconv.FormatInt(time.Now().Add(-time.Minute).Unix(), 10)+`}`), jwtKey)

	for _, tc := range []struct {
		name, token string
		key         []byte
		want        error
	}{
		{"wrong key", tok, []byte("another key of thirty-two bytes!!"), jwt.ErrTokenSignatureInvalid},
		{"tampered", tampered, jwtKey, jwt.ErrTokenSignatureInvalid},
		{"HS512", hs512, jwtKey, jwt.ErrTokenSignatureInvalid},
		{"alg none", none, jwtKey, nil}, // no signature: malformed before any algorithm is read
		{"expired", expired, jwtKey, jwt.ErrTokenExpired},
		{"malformed", "not.a.token", jwtKey, jwt.ErrTokenMalformed},
		{"empty", "", jwtKey, jwt.ErrTokenMalformed},
		{"empty key", tok, nil, nil},
	} {
		got, err := ops.JWTVerify([]byte(tc.token), tc.key)
		if err == nil {
			t.Errorf("%s: verified, claims %s", tc.name, got)
			continue
		}
		if tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

// A bearer token must have an exp; otherwise it is checked as JWTVerify checks.
func TestJWTVerifyBearer(t *testing.T) {
	for _, tc := range []struct {
		claims string
		ok     bool
	}{
		{`{"sub":"42","exp":4102444800}`, true},
		{`{"sub":"42"}`, false},
		{`{"sub":"42","exp":1700003600}`, false},
		{`{"sub":42,"exp":4102444800}`, false},
	} {
		tok := hs256(`{"alg":"HS256","typ":"JWT"}`, tc.claims)
		if err := ops.JWTVerifyBearer([]byte(tok), jwtKey); (err == nil) != tc.ok {
			t.Errorf("JWTVerifyBearer(%s) = %v; want accepted %v", tc.claims, err, tc.ok)
		}
	}
	if _, err := ops.JWTVerify([]byte(hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"42"}`)), jwtKey); err != nil {
		t.Errorf("JWTVerify without exp: %v; only a bearer token needs one", err)
	}
}

// BenchmarkJWT is Jwt of the suite: HS256 sign of the corpus claims with the
// corpus key, and verify of that token.
func BenchmarkJWT(b *testing.B) {
	claims, key := corpusFile(b, "jwt-claims.json"), corpusFile(b, "jwt-key")
	tok, err := ops.JWTSign(claims, key)
	if err != nil {
		b.Fatal(err)
	}
	token := []byte(tok)
	b.Run("sign", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			t, err := ops.JWTSign(claims, key)
			if err != nil {
				b.Fatal(err)
			}
			sink += len(t)
		}
	})
	b.Run("verify", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			c, err := ops.JWTVerify(token, key)
			if err != nil {
				b.Fatal(err)
			}
			sink += len(c)
		}
	})
}

// hs256 signs any header and payload bytes, so the tests can reach the claim rules.
func hs256(header, payload string) string {
	enc := base64.RawURLEncoding
	in := enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload))
	mac := hmac.New(sha256.New, jwtKey)
	mac.Write([]byte(in))
	return in + "." + enc.EncodeToString(mac.Sum(nil))
}

func TestJWTVerifyContract(t *testing.T) {
	const std = `{"alg":"HS256","typ":"JWT"}`
	good := hs256(std, `{"sub":"x"}`)
	reject := map[string]string{
		"padding":         good + "=",
		"newline":         good[:10] + "\n" + good[10:],
		"unused bits":     good[:len(good)-1] + string(good[len(good)-1]+1),
		"null claims":     hs256(std, `null`),
		"trailing data":   hs256(std, `{"a":1} x`),
		"second object":   hs256(std, `{"a":1} {}`),
		"invalid UTF-8":   hs256(std, "{\"a\":\"\xff\"}"),
		"lone surrogate":  hs256(std, `{"a":"\ud800"}`),
		"deep":            hs256(std, strings.Repeat(`{"a":`, 65)+`1`+strings.Repeat(`}`, 65)),
		"long number":     hs256(std, `{"a":`+strings.Repeat("1", 101)+`}`),
		"crit":            hs256(`{"alg":"HS256","crit":["exp"],"exp":1}`, `{}`),
		"b64":             hs256(`{"alg":"HS256","b64":false}`, `{}`),
		"kid number":      hs256(`{"alg":"HS256","kid":1}`, `{}`),
		"header trailing": hs256(`{"alg":"HS256"} x`, `{}`),
		"future iat":      hs256(std, `{"iat":9999999999}`),
		"string iat":      hs256(std, `{"iat":"1"}`),
		"string exp":      hs256(std, `{"exp":"4102444800"}`),
		"null exp":        hs256(std, `{"exp":null}`),
		"huge exp":        hs256(std, `{"exp":1e300}`),
		"exp beyond 9999": hs256(std, `{"exp":253402300800}`),
		"nbf true":        hs256(std, `{"nbf":true}`),
		"nbf 1e400":       hs256(std, `{"nbf":1e400}`),
		"negative nbf":    hs256(std, `{"nbf":-1}`),
		"aud string":      hs256(std, `{"aud":"a"}`),
		"aud array":       hs256(std, `{"aud":["a"]}`),
		"aud empty":       hs256(std, `{"aud":""}`),
		"aud null":        hs256(std, `{"aud":null}`),
		"sub number":      hs256(std, `{"sub":1}`),
		"iss number":      hs256(std, `{"iss":1}`),
		"jti null":        hs256(std, `{"jti":null}`),
	}
	for name, tok := range reject {
		if got, err := ops.JWTVerify([]byte(tok), jwtKey); err == nil {
			t.Errorf("%s: verified, claims %s", name, got)
		}
	}
	for _, payload := range []string{
		`{"sub":"x"}`, ` {"a":1} `, `{"a":1,"a":2}`, `{"n":123456789012345678901234567890,"f":1e400}`,
		`{"exp":4102444800.5,"nbf":0,"iat":1700000000}`, `{"exp":253402300799}`, `{"s":"\ud83d\ude80 é"}`,
	} {
		got, err := ops.JWTVerify([]byte(hs256(std, payload)), jwtKey)
		if err != nil || string(got) != payload {
			t.Errorf("%s: %s, %v; want the payload as signed", payload, got, err)
		}
	}
	if _, err := ops.JWTVerify([]byte(hs256(`{"typ":"JWT","alg":"HS256","kid":"k"}`, `{}`)), jwtKey); err != nil {
		t.Errorf("another header: %v", err)
	}
}
