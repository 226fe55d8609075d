package ops

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"
)

// Bounds of OPS.md, "Hashes and tokens every lane treats the same".
const (
	JWTMaxToken  = 65536        // characters of a token, verified or written
	JWTMaxClaims = 65536        // bytes of the claims a token is signed from
	JWTMaxDepth  = 64           // nesting of objects and arrays in a token's JSON
	JWTMaxNumber = 100          // characters of one number literal in a token's JSON
	JWTMaxDate   = 253402300799 // exp, nbf, iat: 9999-12-31T23:59:59Z
)

// jwtStandardHeader is {"alg":"HS256","typ":"JWT"}, the header every lane
// writes; it meets every rule, so verify checks other headers only.
const jwtStandardHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"

// JWTSign signs claimsJSON, a JSON object, as an HS256 compact JWS. Numbers
// keep their exact text (json.Number), so 1700000000 is not re-encoded as a
// float.
func JWTSign(claimsJSON, key []byte) (string, error) {
	if len(key) == 0 {
		return "", errors.New("jwt key is empty")
	}
	if len(claimsJSON) > JWTMaxClaims {
		return "", fmt.Errorf("jwt claims are %d bytes, over %d", len(claimsJSON), JWTMaxClaims)
	}
	if err := CheckTokenJSON(claimsJSON); err != nil {
		return "", fmt.Errorf("jwt claims: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(claimsJSON))
	dec.UseNumber()
	var claims jwt.MapClaims
	if err := dec.Decode(&claims); err != nil {
		return "", fmt.Errorf("jwt claims: %w", err)
	}
	if claims == nil { // the document was `null`
		return "", errors.New("jwt claims must be a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", errors.New("jwt claims: data after the JSON object")
	}
	if err := checkSignNumbers(claims); err != nil {
		return "", fmt.Errorf("jwt claims: %w", err)
	}
	if iss, ok := claims["iss"]; ok {
		if _, ok := iss.(string); !ok {
			return "", errors.New("jwt claims: iss must be a string") // PyJWT writes no other
		}
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
	if err != nil {
		return "", err
	}
	if len(tok) > JWTMaxToken {
		return "", fmt.Errorf("jwt token would be %d characters, over %d", len(tok), JWTMaxToken)
	}
	return tok, nil
}

// JWTVerify checks token's HS256 signature with key and its claims as OPS.md
// says (exp, nbf, iat against the clock; no aud; iss, sub, jti strings) and
// returns its payload exactly as signed. Any other algorithm, including
// "none", is rejected.
func JWTVerify(token, key []byte) ([]byte, error) {
	if len(key) == 0 {
		return nil, errors.New("jwt key is empty")
	}
	payload, err := checkCompact(token)
	if err != nil {
		return nil, err
	}
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(string(token), claims,
		func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithJSONNumber(), // numbers exactly as signed
		jwt.WithIssuedAt(),   // iat in the future is rejected, as in the other lanes
		jwt.WithStrictDecoding(),
	)
	if err != nil {
		return nil, err
	}
	if err := checkClaims(claims); err != nil {
		return nil, err
	}
	return payload, nil
}

// checkCompact checks what golang-jwt leaves to chance: the token's alphabet
// (its base64 skips \r and \n), the unused bits of each segment, a header
// other than the standard one, and the payload's JSON; it returns the payload.
func checkCompact(token []byte) ([]byte, error) {
	if len(token) > JWTMaxToken {
		return nil, fmt.Errorf("jwt token is %d characters, over %d", len(token), JWTMaxToken)
	}
	var segments [3][]byte
	rest := token
	for i := range segments {
		end := bytes.IndexByte(rest, '.')
		if i == 2 {
			if end >= 0 {
				return nil, fmt.Errorf("%w: more than three segments", jwt.ErrTokenMalformed)
			}
			end = len(rest)
		} else if end < 0 {
			return nil, fmt.Errorf("%w: fewer than three segments", jwt.ErrTokenMalformed)
		}
		segments[i], rest = rest[:end], rest[min(end+1, len(rest)):]
		if err := checkSegment(segments[i]); err != nil {
			return nil, err
		}
	}
	if string(segments[0]) != jwtStandardHeader {
		header, err := base64.RawURLEncoding.DecodeString(string(segments[0]))
		if err != nil {
			return nil, fmt.Errorf("jwt header: %w", err)
		}
		if err := checkHeader(header); err != nil {
			return nil, err
		}
	}
	payload, err := base64.RawURLEncoding.DecodeString(string(segments[1]))
	if err != nil {
		return nil, fmt.Errorf("jwt claims: %w", err)
	}
	if err := CheckTokenJSON(payload); err != nil {
		return nil, fmt.Errorf("jwt claims: %w", err)
	}
	return payload, nil
}

const base64URLAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// checkSegment: not empty, base64url without padding, and the canonical
// spelling of its bytes (the last character's unused bits are zero).
func checkSegment(s []byte) error {
	if len(s) == 0 || len(s)%4 == 1 {
		return fmt.Errorf("%w: a segment of %d characters", jwt.ErrTokenMalformed, len(s))
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("%w: %q is not base64url without padding", jwt.ErrTokenMalformed, c)
		}
	}
	last := strings.IndexByte(base64URLAlphabet, s[len(s)-1])
	if len(s)%4 == 2 && last%16 != 0 || len(s)%4 == 3 && last%4 != 0 {
		return fmt.Errorf("%w: a segment's last character sets unused bits", jwt.ErrTokenMalformed)
	}
	return nil
}

// checkHeader: a header other than the standard one must be token JSON, and
// must not ask for what no lane does (crit, b64); a kid must be a string.
func checkHeader(header []byte) error {
	if err := CheckTokenJSON(header); err != nil {
		return fmt.Errorf("jwt header: %w", err)
	}
	var h map[string]any
	if err := json.Unmarshal(header, &h); err != nil {
		return fmt.Errorf("jwt header: %w", err)
	}
	if _, ok := h["crit"]; ok {
		return errors.New("jwt header: crit is not supported")
	}
	if _, ok := h["b64"]; ok {
		return errors.New("jwt header: b64 is not supported")
	}
	if kid, ok := h["kid"]; ok {
		if _, ok := kid.(string); !ok {
			return errors.New("jwt header: kid must be a string")
		}
	}
	return nil
}

// checkClaims: the claim rules golang-jwt does not make (it reads exp, nbf and
// iat beyond 64-bit seconds, and ignores aud, iss, sub and jti).
func checkClaims(claims jwt.MapClaims) error {
	for _, name := range [...]string{"exp", "nbf", "iat"} {
		v, ok := claims[name]
		if !ok {
			continue
		}
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("jwt claims: %s must be a number", name)
		}
		if f, err := n.Float64(); err != nil || !(f >= 0 && f <= JWTMaxDate) {
			return fmt.Errorf("jwt claims: %s %s is outside 0..%d", name, n, JWTMaxDate)
		}
	}
	if _, ok := claims["aud"]; ok {
		return errors.New("jwt claims: aud is present and this verifier has no audience (RFC 7519, 4.1.3)")
	}
	for _, name := range [...]string{"iss", "sub", "jti"} {
		if v, ok := claims[name]; ok {
			if _, ok := v.(string); !ok {
				return fmt.Errorf("jwt claims: %s must be a string", name)
			}
		}
	}
	return nil
}

// checkSignNumbers: every integer fits in 64 bits and every other number is a
// finite double, as the other lanes' libraries can write them.
func checkSignNumbers(v any) error {
	switch t := v.(type) {
	case jwt.MapClaims:
		for _, e := range t {
			if err := checkSignNumbers(e); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, e := range t {
			if err := checkSignNumbers(e); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range t {
			if err := checkSignNumbers(e); err != nil {
				return err
			}
		}
	case json.Number:
		s := string(t)
		if strings.ContainsAny(s, ".eE") {
			if f, _ := strconv.ParseFloat(s, 64); math.IsInf(f, 0) {
				return fmt.Errorf("number %s is beyond a double", s)
			}
		} else if _, err := strconv.ParseInt(s, 10, 64); err != nil {
			return fmt.Errorf("integer %s does not fit in 64 bits", s)
		}
	}
	return nil
}

// CheckTokenJSON checks the JSON of a token's header or claims against the
// rules every lane applies (OPS.md): UTF-8, one object and nothing after it,
// nesting at most JWTMaxDepth, number literals at most JWTMaxNumber characters,
// no lone surrogate escapes. Other syntax is left to the parser, which runs
// after; on valid JSON this finds the object's end exactly.
func CheckTokenJSON(b []byte) error {
	if !utf8.Valid(b) {
		return errors.New("not UTF-8")
	}
	i := skipJSONSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return errors.New("not a JSON object")
	}
	depth, number := 0, 0
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			number = 0
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] != '\\' {
					continue
				}
				if i+1 < len(b) && b[i+1] == 'u' {
					r := hex4(b, i+2)
					if r >= 0xDC00 && r <= 0xDFFF {
						return errors.New("a lone surrogate escape")
					}
					if r >= 0xD800 && r <= 0xDBFF {
						if i+7 >= len(b) || b[i+6] != '\\' || b[i+7] != 'u' {
							return errors.New("a lone surrogate escape")
						}
						if lo := hex4(b, i+8); lo < 0xDC00 || lo > 0xDFFF {
							return errors.New("a lone surrogate escape")
						}
						i += 6
					}
					i += 5
				} else {
					i++
				}
			}
		case c == '{' || c == '[':
			number = 0
			if depth++; depth > JWTMaxDepth {
				return fmt.Errorf("nested deeper than %d", JWTMaxDepth)
			}
		case c == '}' || c == ']':
			number = 0
			if depth--; depth == 0 {
				if skipJSONSpace(b, i+1) != len(b) {
					return errors.New("data after the JSON object")
				}
				return nil
			}
		case c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E':
			if number++; number > JWTMaxNumber {
				return fmt.Errorf("a number longer than %d characters", JWTMaxNumber)
			}
		default:
			number = 0
		}
	}
	return errors.New("unterminated JSON object")
}

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// hex4 is the value of 4 hex digits at b[i:], or -1.
func hex4(b []byte, i int) int {
	if i+4 > len(b) {
		return -1
	}
	v := 0
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return -1
		}
	}
	return v
}
