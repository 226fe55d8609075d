package ops

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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

// The limits of OPS.md ("JSON documents every lane treats the same").
const (
	// MaxDocumentBytes bounds every JSON op's input.
	MaxDocumentBytes = 64 << 20
	// MaxDepth is the deepest nesting every lane parses: pydantic-core's
	// parser stops at 201 levels (the outermost array or object is level 1).
	MaxDepth = 201
	// MaxNumberChars is the longest number literal every lane parses
	// (Jackson's default limit).
	MaxNumberChars = 1000
)

// JSONTree parses doc with lib into a generic tree and returns the number of
// members or elements of the top-level container, 0 for a scalar. It checks
// the size and that doc is UTF-8 (utf8.Valid, about 1% of the parse); the
// library's other leniency (encoding/json: lone surrogate escapes become
// U+FFFD, nesting up to 10,000, number literals of any length; sonic: the
// same, nesting up to 4,095, and raw control characters in strings) is kept
// in this timed op, and the digest ops enforce the whole contract (OPS.md).
func JSONTree(lib Library, doc []byte) (int, error) {
	l, err := lib.impl()
	if err != nil {
		return 0, err
	}
	if err := checkTimed(doc); err != nil {
		return 0, err
	}
	v, err := l.parseTree(doc)
	if err != nil {
		return 0, err
	}
	return size(v), nil
}

// JSONTreeDigest checks doc against the whole contract (CheckDocument), parses
// it as JSONTree does and returns the SHA-256 (lowercase hex) of its RFC 8785
// canonical form.
func JSONTreeDigest(lib Library, doc []byte) (string, error) {
	l, err := lib.impl()
	if err != nil {
		return "", err
	}
	if err := CheckDocument(doc); err != nil {
		return "", err
	}
	v, err := l.parseTree(doc)
	if err != nil {
		return "", err
	}
	return digest(v)
}

// JSONBind binds doc, a JSON array of users, into []User with lib and returns
// the count. It makes the checks JSONTree makes.
func JSONBind(lib Library, doc []byte) (int, error) {
	_, users, err := bindTimed(lib, doc)
	return len(users), err
}

// bindTimed is JSONBind's work, shared with JSONKeep.
func bindTimed(lib Library, doc []byte) (*jsonLibrary, []User, error) {
	l, err := lib.impl()
	if err != nil {
		return nil, nil, err
	}
	if err := checkTimed(doc); err != nil {
		return nil, nil, err
	}
	users, err := l.bindUsers(doc)
	if err != nil {
		return nil, nil, err
	}
	return l, users, nil
}

// JSONBindDigest checks doc against the whole contract, binds it as JSONBind
// does, writes the users with the same library, parses that back with it and
// returns the SHA-256 (lowercase hex) of the RFC 8785 canonical form.
func JSONBindDigest(lib Library, doc []byte) (string, error) {
	l, b, err := writeChecked(lib, doc)
	if err != nil {
		return "", err
	}
	v, err := l.parseTree(b)
	if err != nil {
		return "", err
	}
	return digest(v)
}

// writeChecked is the digest ops' binding and writing: the whole contract,
// lib's bind, then lib's write of the records.
func writeChecked(lib Library, doc []byte) (*jsonLibrary, []byte, error) {
	l, users, err := bindChecked(lib, doc)
	if err != nil {
		return nil, nil, err
	}
	b, err := l.write(users)
	if err != nil {
		return nil, nil, fmt.Errorf("write users: %w", err)
	}
	return l, b, nil
}

// bindChecked is the digest ops' binding: the whole contract, then lib's bind.
func bindChecked(lib Library, doc []byte) (*jsonLibrary, []User, error) {
	l, err := lib.impl()
	if err != nil {
		return nil, nil, err
	}
	if err := CheckDocument(doc); err != nil {
		return nil, nil, err
	}
	users, err := l.bindUsers(doc)
	if err != nil {
		return nil, nil, err
	}
	return l, users, nil
}

// checkTimed is what the timed ops check: the size, and UTF-8 (encoding/json
// would turn invalid bytes into U+FFFD).
func checkTimed(doc []byte) error {
	if err := checkSize(doc); err != nil {
		return err
	}
	if !utf8.Valid(doc) {
		return fmt.Errorf("not valid UTF-8 at byte %d", firstInvalidUTF8(doc))
	}
	return nil
}

func checkSize(doc []byte) error {
	if len(doc) > MaxDocumentBytes {
		return fmt.Errorf("document is %d bytes, over the limit of %d", len(doc), MaxDocumentBytes)
	}
	return nil
}

// CheckDocument enforces what encoding/json does not, for the digest ops of
// every library: at most MaxDocumentBytes, no byte order mark, valid UTF-8 (no
// overlong forms, no encoded surrogates), no \u escape that leaves a lone
// surrogate, no member name twice in an object (I-JSON, which RFC 8785
// requires; encoding/json keeps the last), nesting at most MaxDepth deep,
// number literals at most MaxNumberChars long, and no raw control character
// or unknown escape in a string (encoding/json refuses them itself, sonic
// reads the first and skips the second in fields it does not bind). It is
// exact for valid JSON; on invalid JSON it may report another error than
// the parser would, but never passes a document the parser then accepts
// outside the contract.
func CheckDocument(doc []byte) error {
	if err := checkSize(doc); err != nil {
		return err
	}
	if bytes.HasPrefix(doc, []byte("\xef\xbb\xbf")) {
		return errors.New("a byte order mark (EF BB BF) before the document")
	}
	if !utf8.Valid(doc) {
		return fmt.Errorf("not valid UTF-8 at byte %d", firstInvalidUTF8(doc))
	}
	// One frame per open container: an object's member names so far, nil for an array.
	var stack []map[string]struct{}
	number, expectName := 0, false
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			number++
			if number > MaxNumberChars {
				return fmt.Errorf("a number literal longer than %d characters", MaxNumberChars)
			}
			continue
		}
		if err := checkFinite(doc[i-number : i]); err != nil {
			return err
		}
		number = 0
		switch c {
		case '[', '{':
			if len(stack) >= MaxDepth {
				return fmt.Errorf("nesting deeper than %d levels", MaxDepth)
			}
			var names map[string]struct{}
			if c == '{' {
				names = map[string]struct{}{}
			}
			stack = append(stack, names)
			expectName = c == '{'
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			expectName = false
		case ',':
			expectName = len(stack) > 0 && stack[len(stack)-1] != nil
		case '"':
			end, err := scanString(doc, i+1)
			if err != nil {
				return err
			}
			for j := i + 1; j < end; j++ {
				if doc[j] < 0x20 {
					return fmt.Errorf("a raw control character 0x%02x in a string at byte %d", doc[j], j)
				}
			}
			if expectName && end < len(doc) {
				name := string(doc[i+1 : end])
				if strings.IndexByte(name, '\\') >= 0 {
					if err := json.Unmarshal(doc[i:end+1], &name); err != nil {
						return fmt.Errorf("parse: %w", err)
					}
				}
				names := stack[len(stack)-1]
				if _, dup := names[name]; dup {
					return fmt.Errorf("a duplicate member name %q at byte %d", name, i)
				}
				names[name] = struct{}{}
			}
			expectName = false
			i = end
		}
	}
	return checkFinite(doc[len(doc)-number:])
}

// checkFinite refuses a number literal beyond the double range (1e400): the
// parsers refuse it too, but a bind skips a field it does not bind unread.
// Other runs of the scan's number characters (the e of true) are not numbers.
func checkFinite(literal []byte) error {
	if len(literal) == 0 || literal[0] != '-' && (literal[0] < '0' || literal[0] > '9') {
		return nil
	}
	if f, err := strconv.ParseFloat(string(literal), 64); err != nil && math.IsInf(f, 0) {
		return fmt.Errorf("the number %.40s is beyond the double range", literal)
	}
	return nil
}

// scanString checks the escapes of the string whose contents start at i (RFC
// 8259's, and no lone surrogate) and returns the index of its closing quote (len(doc) if it has none).
func scanString(doc []byte, i int) (int, error) {
	start := i - 1
	for {
		q := bytes.IndexByte(doc[i:], '"')
		if q < 0 {
			// sonic reads a top-level string of 32n bytes with no closing quote as one of 32n-1.
			return 0, fmt.Errorf("an unterminated string at byte %d", start)
		}
		b := bytes.IndexByte(doc[i:i+q], '\\')
		if b < 0 {
			return i + q, nil
		}
		i += b
		if i+1 >= len(doc) {
			return 0, fmt.Errorf("an unterminated string at byte %d", start)
		}
		if doc[i+1] != 'u' {
			// sonic skips an unknown field's string without checking this.
			if strings.IndexByte(`"\/bfnrt`, doc[i+1]) < 0 {
				return 0, fmt.Errorf("a bad escape \\%c at byte %d", doc[i+1], i)
			}
			i += 2
			continue
		}
		r, ok := hex4(doc, i+2)
		if !ok {
			return 0, fmt.Errorf("a bad \\u escape at byte %d", i)
		}
		switch {
		case r >= 0xd800 && r <= 0xdbff:
			if i+7 < len(doc) && doc[i+6] == '\\' && doc[i+7] == 'u' {
				if low, ok := hex4(doc, i+8); ok && low >= 0xdc00 && low <= 0xdfff {
					i += 12
					continue
				}
			}
			return 0, fmt.Errorf("a lone surrogate escape \\u%04x at byte %d", r, i)
		case r >= 0xdc00 && r <= 0xdfff:
			return 0, fmt.Errorf("a lone surrogate escape \\u%04x at byte %d", r, i)
		}
		i += 6
	}
}

func hex4(doc []byte, i int) (rune, bool) {
	if i+4 > len(doc) {
		return 0, false
	}
	var r rune
	for _, c := range doc[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func firstInvalidUTF8(doc []byte) int {
	for i := 0; i < len(doc); {
		r, n := utf8.DecodeRune(doc[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(doc)
}

func (l *jsonLibrary) parseTree(doc []byte) (any, error) {
	var v any
	if err := l.tree(doc, &v); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	return v, nil
}

// BindUsers binds doc, a JSON array of users, into typed records with lib.
func BindUsers(lib Library, doc []byte) ([]User, error) {
	l, err := lib.impl()
	if err != nil {
		return nil, err
	}
	return l.bindUsers(doc)
}

func (l *jsonLibrary) bindUsers(doc []byte) ([]User, error) {
	var users []User
	if err := l.bind(doc, &users); err != nil {
		return nil, fmt.Errorf("bind users: %w", err)
	}
	if users == nil {
		return nil, errors.New("bind users: null is not an array of users")
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

// digest hashes the RFC 8785 canonical form of v, a tree from parseTree, so
// lanes whose serialisers differ in key order, spacing or number format still
// agree on the same content.
func digest(v any) (string, error) {
	var buf bytes.Buffer
	if err := canonical(&buf, v); err != nil {
		return "", fmt.Errorf("jcs: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return hex.EncodeToString(sum[:]), nil
}

// canonical writes the RFC 8785 form of v: members sorted by the UTF-16 code
// units of their names (sort.Slice, so n log n: gowebpki/jcs's Transform
// sorts by insertion into a list, quadratic in an object's members), numbers
// in ES6 form (jcs.NumberToJSON), strings with the minimal escapes.
func canonical(buf *bytes.Buffer, v any) error {
	switch t := v.(type) {
	case nil:
		buf.WriteString("null")
	case bool:
		if t {
			buf.WriteString("true")
		} else {
			buf.WriteString("false")
		}
	case float64:
		s, err := jcs.NumberToJSON(t)
		if err != nil {
			return err
		}
		buf.WriteString(s)
	case string:
		canonicalString(buf, t)
	case []any:
		buf.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := canonical(buf, e); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return lessUTF16(keys[i], keys[j]) })
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			canonicalString(buf, k)
			buf.WriteByte(':')
			if err := canonical(buf, t[k]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	default:
		return fmt.Errorf("unexpected %T in a JSON tree", v)
	}
	return nil
}

// canonicalString writes s quoted as RFC 8785 (ES6 JSON.stringify) does.
func canonicalString(buf *bytes.Buffer, s string) {
	const hexDigits = "0123456789abcdef"
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		buf.WriteString(s[start:i])
		switch c {
		case '"':
			buf.WriteString(`\"`)
		case '\\':
			buf.WriteString(`\\`)
		case '\b':
			buf.WriteString(`\b`)
		case '\t':
			buf.WriteString(`\t`)
		case '\n':
			buf.WriteString(`\n`)
		case '\f':
			buf.WriteString(`\f`)
		case '\r':
			buf.WriteString(`\r`)
		default:
			buf.WriteString(`\u00`)
			buf.WriteByte(hexDigits[c>>4])
			buf.WriteByte(hexDigits[c&0xf])
		}
		start = i + 1
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}

// lessUTF16 orders strings by their UTF-16 code units, as RFC 8785 sorts
// member names. UTF-8 byte order is code point order, which differs from
// UTF-16 order only between U+E000..U+FFFF and the supplementary planes
// (surrogate pairs, D800..DBFF, sort below E000).
func lessUTF16(a, b string) bool {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(a) || i == len(b) {
		return len(a) < len(b)
	}
	for i > 0 && !utf8.RuneStart(a[i]) {
		i--
	}
	ra, _ := utf8.DecodeRuneInString(a[i:])
	rb, _ := utf8.DecodeRuneInString(b[i:])
	return utf16Unit(ra) < utf16Unit(rb) || utf16Unit(ra) == utf16Unit(rb) && ra < rb
}

// utf16Unit is the first UTF-16 code unit of r.
func utf16Unit(r rune) rune {
	if r >= 0x10000 {
		return 0xd800 + (r-0x10000)>>10
	}
	return r
}
