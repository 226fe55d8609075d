package ops

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/gowebpki/jcs"
)

// User is the typed record of json_bind; field names and types are fixed by
// OPS.md and shared by every lane. Unknown fields are ignored (encoding/json's
// default).
type User struct {
	ID           int64    `json:"id"`
	Email        string   `json:"email"`
	Name         string   `json:"name"`
	PasswordHash string   `json:"password_hash"`
	Roles        []string `json:"roles"`
	Active       bool     `json:"active"`
	Score        float64  `json:"score"`
	CreatedAt    string   `json:"created_at"`
}

// JSONTree parses doc into a generic tree and returns the number of members or
// elements of the top-level container, 0 for a scalar.
func JSONTree(doc []byte) (int, error) {
	v, err := parseTree(doc)
	if err != nil {
		return 0, err
	}
	return size(v), nil
}

// JSONTreeDigest parses doc as JSONTree does, serialises the tree again and
// returns the SHA-256 (lowercase hex) of its RFC 8785 canonical form.
func JSONTreeDigest(doc []byte) (string, error) {
	v, err := parseTree(doc)
	if err != nil {
		return "", err
	}
	return digest(v)
}

// JSONBind binds doc, a JSON array of users, into []User and returns the count.
func JSONBind(doc []byte) (int, error) {
	users, err := BindUsers(doc)
	if err != nil {
		return 0, err
	}
	return len(users), nil
}

// JSONBindDigest binds doc as JSONBind does, serialises the users again and
// returns the SHA-256 (lowercase hex) of the RFC 8785 canonical form.
func JSONBindDigest(doc []byte) (string, error) {
	users, err := BindUsers(doc)
	if err != nil {
		return "", err
	}
	return digest(users)
}

func parseTree(doc []byte) (any, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	return v, nil
}

// BindUsers binds doc, a JSON array of users, into typed records.
func BindUsers(doc []byte) ([]User, error) {
	var users []User
	if err := json.Unmarshal(doc, &users); err != nil {
		return nil, fmt.Errorf("bind users: %w", err)
	}
	return users, nil
}

func size(v any) int {
	switch t := v.(type) {
	case map[string]any:
		return len(t)
	case []any:
		return len(t)
	default:
		return 0
	}
}

// digest hashes the canonical form of v, so lanes whose serialisers differ in
// key order, spacing or number format still agree on the same content.
func digest(v any) (string, error) {
	b, err := marshal(v)
	if err != nil {
		return "", err
	}
	canon, err := jcs.Transform(b)
	if err != nil {
		return "", fmt.Errorf("jcs: %w", err)
	}
	sum := sha256.Sum256(canon)
	return hex.EncodeToString(sum[:]), nil
}

// marshal is json.Marshal without HTML escaping of <, > and &: the other lanes
// do not escape them, and the canonical form must not depend on it.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
