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
	if err := checkTokenJSON(claimsJSON, true); err != nil {
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
	return jwtVerify(token, key)
}

// JWTVerifyBearer checks a bearer token as GET /items does (OPS.md,
// "Requests"): as JWTVerify, and the claims must have an exp.
func JWTVerifyBearer(token, key []byte) error {
	_, err := jwtVerify(token, key, jwt.WithExpirationRequired())
	return err
}

// jwtVerify is JWTVerify with more of golang-jwt's parser options.
func jwtVerify(token, key []byte, options ...jwt.ParserOption) ([]byte, error) {
	if len(key) == 0 {
		return nil, errors.New("jwt key is empty")
	}
	payload, err := checkCompact(token)
	if err != nil {
		return nil, err
	}
	claims := jwt.MapClaims{}
	options = append([]jwt.ParserOption{
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithJSONNumber(), // numbers exactly as signed
		jwt.WithIssuedAt(),   // iat in the future is rejected, as in the other lanes
		jwt.WithStrictDecoding(),
	}, options...)
	_, err = jwt.ParseWithClaims(string(token), claims, func(*jwt.Token) (any, error) { return key, nil }, options...)
	if err != nil {
		return nil, err
	}
	if err := checkClaims(claims); err != nil {
		return nil, err
	}
	return payload, nil
}

// checkCompact checks what golang-jwt leaves to chance: line breaks (Go's
// base64 skips \r and \n, even strict), a header other than the standard one,
// and the payload's JSON; it returns the payload. Every other character
// outside base64url, = padding and unused bits set are refused by the strict
// decoding that golang-jwt is given (jwt.WithStrictDecoding) and this one.
func checkCompact(token []byte) ([]byte, error) {
	if len(token) > JWTMaxToken {
		return nil, fmt.Errorf("jwt token is %d characters, over %d", len(token), JWTMaxToken)
	}
	if bytes.IndexByte(token, '\n') >= 0 || bytes.IndexByte(token, '\r') >= 0 {
		return nil, fmt.Errorf("%w: a line break", jwt.ErrTokenMalformed)
	}
	header, rest, ok := bytes.Cut(token, []byte{'.'})
	payloadSegment, signature, ok2 := bytes.Cut(rest, []byte{'.'})
	if !ok || !ok2 || bytes.IndexByte(signature, '.') >= 0 {
		return nil, fmt.Errorf("%w: not three segments", jwt.ErrTokenMalformed)
	}
	if len(header) == 0 || len(payloadSegment) == 0 || len(signature) == 0 {
		return nil, fmt.Errorf("%w: an empty segment", jwt.ErrTokenMalformed)
	}
	if string(header) != jwtStandardHeader {
		h, err := strictBase64.DecodeString(string(header))
		if err != nil {
			return nil, fmt.Errorf("%w: header: %v", jwt.ErrTokenMalformed, err)
		}
		if err := checkHeader(h); err != nil {
			return nil, err
		}
	}
	payload := make([]byte, strictBase64.DecodedLen(len(payloadSegment)))
	n, err := strictBase64.Decode(payload, payloadSegment)
	if err != nil {
		return nil, fmt.Errorf("%w: claims: %v", jwt.ErrTokenMalformed, err)
	}
	payload = payload[:n]
	if err := checkTokenJSON(payload, false); err != nil {
		return nil, fmt.Errorf("jwt claims: %w", err)
	}
	return payload, nil
}

var strictBase64 = base64.RawURLEncoding.Strict()

// checkHeader: a header other than the standard one must be token JSON, and
// must not ask for what no lane does (crit, b64); a kid must be a string.
func checkHeader(header []byte) error {
	if err := checkTokenJSON(header, false); err != nil {
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
	for name, v := range claims { // one pass: cheaper than seven lookups
		switch name {
		case "exp", "nbf", "iat":
			n, ok := v.(json.Number)
			if !ok {
				return fmt.Errorf("jwt claims: %s must be a number", name)
			}
			if f, err := n.Float64(); err != nil || !(f >= 0 && f <= JWTMaxDate) {
				return fmt.Errorf("jwt claims: %s %s is outside 0..%d", name, n, JWTMaxDate)
			}
		case "aud":
			return errors.New("jwt claims: aud is present and this verifier has no audience (RFC 7519, 4.1.3)")
		case "iss", "sub", "jti":
			if _, ok := v.(string); !ok {
				return fmt.Errorf("jwt claims: %s must be a string", name)
			}
		}
	}
	return nil
}

// checkTokenJSON checks the JSON of a token's header or claims against the
// rules every lane applies (OPS.md): UTF-8, one object and nothing after it,
// nesting at most JWTMaxDepth, number literals at most JWTMaxNumber characters,
// no lone surrogate escapes; for claims to sign (sign), every integer literal
// within 64 bits and every other number literal finite as a float64. Other
// syntax is left to the parser, which runs after; on valid JSON this finds the
// object's end exactly.
func checkTokenJSON(b []byte, sign bool) error {
	if !utf8.Valid(b) {
		return errors.New("not UTF-8")
	}
	i := skipJSONSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return errors.New("not a JSON object")
	}
	depth, number, fraction := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			fraction = fraction || c == '.' || c == 'e' || c == 'E'
			if number++; number > JWTMaxNumber {
				return fmt.Errorf("a number longer than %d characters", JWTMaxNumber)
			}
			continue
		}
		if number > 0 {
			head := b[i-number]
			if sign && (fraction || number > 18) && (head == '-' || head >= '0' && head <= '9') { // not the e of true
				if err := checkSignNumber(string(b[i-number:i]), fraction); err != nil {
					return err
				}
			}
			number, fraction = 0, false
		}
		switch c {
		case '"':
			end, err := scanString(b, i+1) // json.go: escapes checked, lone surrogates refused
			if err != nil {
				return err
			}
			i = end
		case '{', '[':
			if depth++; depth > JWTMaxDepth {
				return fmt.Errorf("nested deeper than %d", JWTMaxDepth)
			}
		case '}', ']':
			if depth--; depth == 0 {
				if skipJSONSpace(b, i+1) != len(b) {
					return errors.New("data after the JSON object")
				}
				return nil
			}
		}
	}
	return errors.New("unterminated JSON object")
}

// checkSignNumber: what the other lanes' libraries can write (auth0 java-jwt
// takes no integer beyond 64 bits; none writes a number beyond a double).
func checkSignNumber(literal string, fraction bool) error {
	if fraction {
		if f, _ := strconv.ParseFloat(literal, 64); math.IsInf(f, 0) {
			return fmt.Errorf("number %s is beyond a double", literal)
		}
		return nil
	}
	if _, err := strconv.ParseInt(literal, 10, 64); errors.Is(err, strconv.ErrRange) {
		return fmt.Errorf("integer %s does not fit in 64 bits", literal)
	}
	return nil
}

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
