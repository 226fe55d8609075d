package ops_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"crossbench/native-go/ops"
)

var jwtKey = []byte("a key of at least thirty-two bytes!")

// exp 4102444800 is 2100-01-01; big is beyond float64's exact integers.
const jwtClaims = `{"sub":"42","name":"Ann <&>","exp":4102444800,"big":12345678901234567890}`

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
	want := `{"big":12345678901234567890,"exp":4102444800,"name":"Ann <&>","sub":"42"}`
	if string(got) != want {
		t.Errorf("claims = %s, want %s", got, want)
	}
}

func TestJWTSignRejects(t *testing.T) {
	for _, claims := range []string{``, `null`, `[1,2]`, `"sub"`, `{"a":1} {}`, `{"a":`} {
		if tok, err := ops.JWTSign([]byte(claims), jwtKey); err == nil {
			t.Errorf("sign %q = %s, want an error", claims, tok)
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
		{"alg none", none, jwtKey, jwt.ErrTokenSignatureInvalid},
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
