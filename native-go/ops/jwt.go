package ops

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/golang-jwt/jwt/v5"
)

// JWTSign signs claimsJSON, a JSON object, as an HS256 compact JWS. Numbers
// keep their exact text (json.Number), so 1700000000 is not re-encoded as a
// float.
func JWTSign(claimsJSON, key []byte) (string, error) {
	if len(key) == 0 {
		return "", errors.New("jwt key is empty")
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
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
}

// JWTVerify checks token's HS256 signature with key and its time claims (exp,
// nbf) and returns its claims as a JSON object. Any other algorithm, including
// "none", is rejected.
func JWTVerify(token, key []byte) ([]byte, error) {
	if len(key) == 0 {
		return nil, errors.New("jwt key is empty")
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(string(token), claims,
		func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithJSONNumber(), // return numbers exactly as signed
	)
	if err != nil {
		return nil, err
	}
	return marshal(claims)
}
