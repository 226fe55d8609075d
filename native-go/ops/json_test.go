package ops_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gowebpki/jcs"

	"crossbench/native-go/ops"
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// RFC 8785 section 3.2.2 (input) and 3.2.3 (canonical output).
const (
	rfcInput = `{
  "numbers": [333333333.33333329, 1E30, 4.50,
              2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`
	rfcCanonical = `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`

	// RFC 8785 section 3.2.3: members sorted by UTF-16 code units, so the
	// emoji (a surrogate pair, D83D) sorts before U+FB33.
	rfcSortInput = `{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`
	rfcSortCanonical = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"," +
		"\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\"," +
		"\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
)

func TestJSONTreeDigestRFC8785(t *testing.T) { forEachLibrary(t, testJSONTreeDigestRFC8785) }

func testJSONTreeDigestRFC8785(t *testing.T, lib ops.Library) {
	for _, tc := range []struct{ name, in, canonical string }{
		{"values", rfcInput, rfcCanonical},
		{"sorting", rfcSortInput, rfcSortCanonical},
		{"html", `{"b":"<&>","a":[1.0,-0,10]}`, `{"a":[1,0,10],"b":"<&>"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ops.JSONTreeDigest(lib, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if want := sha256Hex(tc.canonical); got != want {
				t.Errorf("digest = %s, want %s (sha256 of %s)", got, want, tc.canonical)
			}
		})
	}
}

func TestJSONTreeCounts(t *testing.T) { forEachLibrary(t, testJSONTreeCounts) }

func testJSONTreeCounts(t *testing.T, lib ops.Library) {
	for in, want := range map[string]int{
		`{"a":1,"b":[1,2]}`: 2,
		`[1,2,3]`:           3,
		`[]`:                0,
		`{}`:                0,
		`"text"`:            0,
		`42`:                0,
		`null`:              0,
		` [ {"x":1} ] `:     1,
	} {
		got, err := ops.JSONTree(lib, []byte(in))
		if err != nil || got != want {
			t.Errorf("JSONTree(%s) = %d, %v; want %d", in, got, err, want)
		}
	}
}

func TestJSONMalformed(t *testing.T) { forEachLibrary(t, testJSONMalformed) }

func testJSONMalformed(t *testing.T, lib ops.Library) {
	for _, in := range []string{``, `{"a":`, `[1,]`, `[1] x`, `{'a':1}`} {
		if _, err := ops.JSONTree(lib, []byte(in)); err == nil {
			t.Errorf("JSONTree(%q) succeeded", in)
		}
		if _, err := ops.JSONTreeDigest(lib, []byte(in)); err == nil {
			t.Errorf("JSONTreeDigest(%q) succeeded", in)
		}
		if _, err := ops.JSONBind(lib, []byte(in)); err == nil {
			t.Errorf("JSONBind(%q) succeeded", in)
		}
	}
}

const twoUsers = `[
 {"id": 1, "email": "ann@example.com", "name": "Ann <&>", "password_hash": "h1",
  "roles": ["admin", "user"], "active": true, "score": 1.50,
  "created_at": "2024-01-02T03:04:05Z", "unknown": {"ignored": true}},
 {"id": 9007199254740993, "email": "bob@example.com", "name": "Bob", "password_hash": "h2",
  "roles": [], "active": false, "score": -2e-3, "created_at": "2024-02-03T04:05:06Z"}
]`

func TestJSONBind(t *testing.T) { forEachLibrary(t, testJSONBind) }

func testJSONBind(t *testing.T, lib ops.Library) {
	n, err := ops.JSONBind(lib, []byte(twoUsers))
	if err != nil || n != 2 {
		t.Fatalf("JSONBind = %d, %v; want 2", n, err)
	}
	users, err := ops.BindUsers(lib, []byte(twoUsers))
	if err != nil {
		t.Fatal(err)
	}
	want := []ops.User{
		{ID: 1, Email: "ann@example.com", Name: "Ann <&>", PasswordHash: "h1",
			Roles: []string{"admin", "user"}, Active: true, Score: 1.5, CreatedAt: "2024-01-02T03:04:05Z"},
		{ID: 9007199254740993, Email: "bob@example.com", Name: "Bob", PasswordHash: "h2",
			Roles: []string{}, Active: false, Score: -0.002, CreatedAt: "2024-02-03T04:05:06Z"},
	}
	if !reflect.DeepEqual(users, want) {
		t.Errorf("BindUsers =\n%+v\nwant\n%+v", users, want)
	}
	n, err = ops.JSONBind(lib, []byte(`[]`))
	if err != nil || n != 0 {
		t.Fatalf("JSONBind([]) = %d, %v; want 0", n, err)
	}
	for _, in := range []string{`{"id":1}`, `[{"id":"1"}]`, `[{"roles":"admin"}]`, `[{"active":1}]`} {
		if _, err := ops.JSONBind(lib, []byte(in)); err == nil {
			t.Errorf("JSONBind(%s) succeeded, want a type error", in)
		}
	}
}

func TestJSONBindDigest(t *testing.T) { forEachLibrary(t, testJSONBindDigest) }

func testJSONBindDigest(t *testing.T, lib ops.Library) {
	// Field values are checked through the canonical form: unknown fields
	// dropped, HTML not escaped, numbers normalised. RFC 8785 writes every
	// number as an IEEE double, so the int64 id 2^53+1 canonicalises to 2^53.
	want := sha256Hex(`[` +
		`{"active":true,"created_at":"2024-01-02T03:04:05Z","email":"ann@example.com","id":1,` +
		`"name":"Ann <&>","password_hash":"h1","roles":["admin","user"],"score":1.5},` +
		`{"active":false,"created_at":"2024-02-03T04:05:06Z","email":"bob@example.com","id":9007199254740992,` +
		`"name":"Bob","password_hash":"h2","roles":[],"score":-0.002}]`)
	got, err := ops.JSONBindDigest(lib, []byte(twoUsers))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("JSONBindDigest = %s, want %s", got, want)
	}
	tree, err := ops.JSONTreeDigest(lib, []byte(twoUsers))
	if err != nil {
		t.Fatal(err)
	}
	if tree == got {
		t.Error("tree digest equals bind digest, but the tree keeps the unknown field")
	}
}

func TestPayloadSizes(t *testing.T) { forEachLibrary(t, testPayloadSizes) }

func testPayloadSizes(t *testing.T, lib ops.Library) {
	for _, name := range payloadNames {
		doc := corpusFile(t, name+".json")
		n, err := ops.JSONBind(lib, doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tree, _ := ops.JSONTree(lib, doc); tree != n {
			t.Errorf("%s: tree count %d != bind count %d", name, tree, n)
		}
		t.Logf("%s: %d bytes, %d users", name, len(doc), n)
	}
}

// BenchmarkJSON is JsonParse of the suite: json/tree and json/bind of each
// corpus payload (BenchmarkJSON/tree/small, ...).
func BenchmarkJSON(b *testing.B) {
	b.Run("tree", func(b *testing.B) { benchJSON(b, with(ops.Usual, ops.JSONTree)) })
	b.Run("bind", func(b *testing.B) { benchJSON(b, with(ops.Usual, ops.JSONBind)) })
}

// BenchmarkJSONDigest is the cross-lane checks' work, not a suite benchmark.
func BenchmarkJSONDigest(b *testing.B) {
	for _, lib := range ops.JSONLibraries {
		b.Run(lib.Role(), func(b *testing.B) {
			b.Run("tree", func(b *testing.B) { benchJSON(b, digestCount(lib, ops.JSONTreeDigest)) })
			b.Run("bind", func(b *testing.B) { benchJSON(b, digestCount(lib, ops.JSONBindDigest)) })
			b.Run("write", func(b *testing.B) { benchJSON(b, digestCount(lib, ops.JSONWriteDigest)) })
		})
	}
}

// BenchmarkJSONWrite is json_write of encoding/json: serialising the users
// kept from each payload. Not in BenchmarkJSON, whose names the compare
// scripts read as op/variant/payload of the suite.
func BenchmarkJSONWrite(b *testing.B) { benchWrite(b, ops.Usual) }

// BenchmarkJSONFast is BenchmarkJSON and BenchmarkJSONWrite with sonic.
func BenchmarkJSONFast(b *testing.B) {
	b.Run("tree", func(b *testing.B) { benchJSON(b, with(ops.Fast, ops.JSONTree)) })
	b.Run("bind", func(b *testing.B) { benchJSON(b, with(ops.Fast, ops.JSONBind)) })
	b.Run("write", func(b *testing.B) { benchWrite(b, ops.Fast) })
}

// benchWrite times json_write of the records kept from each payload (kept
// for the whole benchmark run: a few MiB).
func benchWrite(b *testing.B, lib ops.Library) {
	benchPayloads(b, func(doc []byte) func() (int, error) {
		h, err := ops.JSONKeep(lib, doc)
		if err != nil {
			b.Fatal(err)
		}
		return func() (int, error) { return ops.JSONWrite(h) }
	})
}

func with(lib ops.Library, op func(ops.Library, []byte) (int, error)) func([]byte) (int, error) {
	return func(doc []byte) (int, error) { return op(lib, doc) }
}

func digestCount(lib ops.Library, f func(ops.Library, []byte) (string, error)) func([]byte) (int, error) {
	return func(doc []byte) (int, error) {
		s, err := f(lib, doc)
		return len(s), err
	}
}

// forEachLibrary runs test as a subtest per library (usual, fast).
func forEachLibrary(t *testing.T, test func(*testing.T, ops.Library)) {
	for _, lib := range ops.JSONLibraries {
		t.Run(lib.Role(), func(t *testing.T) { test(t, lib) })
	}
}

var sink int

func benchJSON(b *testing.B, op func([]byte) (int, error)) {
	benchPayloads(b, func(doc []byte) func() (int, error) {
		return func() (int, error) { return op(doc) }
	})
}

// benchPayloads times, for each corpus payload, the op that setup returns for it.
func benchPayloads(b *testing.B, setup func(doc []byte) func() (int, error)) {
	for _, name := range payloadNames {
		doc := corpusFile(b, name+".json")
		op := setup(doc)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc)))
			for i := 0; i < b.N; i++ {
				n, err := op()
				if err != nil {
					b.Fatal(err)
				}
				sink += n
			}
		})
	}
}

// The rows of OPS.md's "JSON documents every lane treats the same" that the
// digest ops reject (the cross-lane suite holds every lane to them too).
func TestJSONDigestContractRejects(t *testing.T) { forEachLibrary(t, testJSONDigestContractRejects) }

func testJSONDigestContractRejects(t *testing.T, lib ops.Library) {
	for name, doc := range map[string]string{
		"whitespace only":       " \t\r\n ",
		"1e400":                 `1e400`,
		"-1e400 in an array":    `[-1e400]`,
		"integer beyond double": `[1` + strings.Repeat("0", 400) + `]`,
		"byte order mark":       "\xef\xbb\xbf{\"a\":1}",
		"overlong UTF-8":        "[\"\xc0\xaf\"]",
		"lone high surrogate":   `["\ud800"]`,
		"lone low surrogate":    `["\udc00x"]`,
		"high then high":        `["\ud800\ud800\udc00"]`,
		"invalid UTF-8":         "[\"\xff\"]",
		"CESU-8":                "[\"\xed\xa0\x80\xed\xb0\x80\"]",
		"too deep":              strings.Repeat("[", ops.MaxDepth+1) + strings.Repeat("]", ops.MaxDepth+1),
		"too deep in a key":     `{"a":` + strings.Repeat("{\"b\":", ops.MaxDepth) + `1` + strings.Repeat("}", ops.MaxDepth+1),
		"long number":           `[0.` + strings.Repeat("1", ops.MaxNumberChars) + `]`,
		"duplicate name":        `{"a":1,"b":{"a":2},"a":3}`,
		"duplicate escaped":     `[{"a":1,"\u0061":2}]`,
		"hidden lone surrogate": `{"a":"\ud800","a":1}`,
		"raw control character": "[\"a\tb\"]",
		"raw control in a name": "{\"a\x01\":1}",
		"unknown escape":        `["\0"]`,
	} {
		if d, err := ops.JSONTreeDigest(lib, []byte(doc)); err == nil {
			t.Errorf("%s: JSONTreeDigest = %s, want an error", name, d)
		}
		if d, err := ops.JSONBindDigest(lib, []byte(doc)); err == nil {
			t.Errorf("%s: JSONBindDigest = %s, want an error", name, d)
		}
	}
}

func TestJSONDigestContractAccepts(t *testing.T) { forEachLibrary(t, testJSONDigestContractAccepts) }

func testJSONDigestContractAccepts(t *testing.T, lib ops.Library) {
	for name, doc := range map[string]string{
		"deepest":           strings.Repeat("[", ops.MaxDepth) + strings.Repeat("]", ops.MaxDepth),
		"surrogate pair":    `["\ud83d\ude80","\uD83D\uDE80"]`,
		"escaped backslash": `["\\ud800","\\\ud83d\ude80"]`,
		"longest number":    `[0.` + strings.Repeat("1", ops.MaxNumberChars-2) + `]`,
		"largest double":    `[1.7976931348623157e308,-1.7976931348623157e308,5e-324]`,
		"brackets in text":  `["[[[[", "}}}}", {"[": "]"}]`,
	} {
		if _, err := ops.JSONTreeDigest(lib, []byte(doc)); err != nil {
			t.Errorf("%s: JSONTreeDigest: %v", name, err)
		}
	}
}

// A hang guard, not a timing claim: gowebpki/jcs v1.0.1 took over 120 s here.
func TestJSONDigestOfAMillionMembers(t *testing.T) {
	forEachLibrary(t, testJSONDigestOfAMillionMembers)
}

func testJSONDigestOfAMillionMembers(t *testing.T, lib ops.Library) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 1_000_000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%07d":%d`, (i*7919)%1_000_000, i)
	}
	b.WriteString("}")
	start := time.Now()
	if _, err := ops.JSONTreeDigest(lib, []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("a 1,000,000-member object took %v to digest, over the 10 s hang guard", d)
	}
}

// lessUTF16 must order as comparing UTF-16 code units does.
func TestCanonicalKeyOrder(t *testing.T) {
	lib := ops.Usual // the canonical writer, shared by every library
	keys := []string{"", "a", "ab", "b", "\u00e9", "\u20ac", "\ue000", "\uffff", "\U0001F600", "\U0001F600a", "\U00010000", "\ufb33", "1", "\u0080"}
	for _, a := range keys {
		for _, b := range keys {
			ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
			want := slices.Compare(ua, ub) < 0
			docA := fmt.Sprintf(`{%q:1,%q:2}`, a, b)
			if a == b {
				continue
			}
			// The digest of {a:1,b:2} is the digest of the members in UTF-16 order.
			var first, second string
			if want {
				first, second = `"`+a+`":1`, `"`+b+`":2`
			} else {
				first, second = `"`+b+`":2`, `"`+a+`":1`
			}
			got, err := ops.JSONTreeDigest(lib, []byte(docA))
			if err != nil {
				t.Fatal(err)
			}
			canon := "{" + first + "," + second + "}"
			if got != sha256Hex(canon) {
				t.Errorf("order of %q and %q: digest is not that of %s", a, b, canon)
			}
		}
	}
}

// The new canonicaliser agrees with gowebpki/jcs (used before it) on the corpus.
func TestCanonicalMatchesJCSTransform(t *testing.T) {
	lib := ops.Usual // the canonical writer, shared by every library
	for _, name := range payloadNames {
		doc := corpusFile(t, name+".json")
		canon, err := jcs.Transform(doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ops.JSONTreeDigest(lib, doc)
		if err != nil {
			t.Fatal(err)
		}
		if want := sha256Hex(string(canon)); got != want {
			t.Errorf("%s: digest %s, jcs.Transform gives %s", name, got, want)
		}
	}
}

// BenchmarkJSONCheck is what the digest ops' contract check costs
// (CheckDocument), beside utf8.Valid alone: compare with BenchmarkJSON/tree.
func BenchmarkJSONCheck(b *testing.B) {
	b.Run("contract", func(b *testing.B) {
		benchJSON(b, func(doc []byte) (int, error) { return 0, ops.CheckDocument(doc) })
	})
	b.Run("utf8", func(b *testing.B) {
		benchJSON(b, func(doc []byte) (int, error) {
			if !utf8.Valid(doc) {
				return 0, fmt.Errorf("invalid")
			}
			return 0, nil
		})
	})
}
