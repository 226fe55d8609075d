package ops_test

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"

	"crossbench/native-go/ops"
)

func TestJSONKeepWriteRelease(t *testing.T) { forEachLibrary(t, testJSONKeepWriteRelease) }

func testJSONKeepWriteRelease(t *testing.T, lib ops.Library) {
	h, err := ops.JSONKeep(lib, []byte(twoUsers))
	if err != nil || h <= 0 {
		t.Fatalf("JSONKeep = %d, %v; want a positive handle", h, err)
	}
	h2, err := ops.JSONKeep(lib, []byte(twoUsers))
	if err != nil || h2 == h {
		t.Fatalf("second JSONKeep = %d, %v; want a new handle (first %d)", h2, err, h)
	}
	defer ops.JSONRelease(h2)
	want, err := ops.JSONWrite(h)
	if err != nil || want < 300 {
		t.Fatalf("JSONWrite = %d, %v; want the bytes of two users", want, err)
	}
	// The benchmarks write one handle from 2 threads; -race checks the sharing.
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if n, err := ops.JSONWrite(h); n != want || err != nil {
					t.Errorf("concurrent JSONWrite = %d, %v; want %d", n, err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := ops.JSONRelease(h); err != nil {
		t.Fatal(err)
	}
	msg := fmt.Sprintf("no kept records %d", h)
	if _, err := ops.JSONWrite(h); err == nil || err.Error() != msg {
		t.Errorf("JSONWrite after release: %v; want %q", err, msg)
	}
	if err := ops.JSONRelease(h); err == nil || err.Error() != msg {
		t.Errorf("second JSONRelease: %v; want %q", err, msg)
	}
	for _, bad := range []int64{0, -1, 1 << 62} {
		if _, err := ops.JSONWrite(bad); err == nil || err.Error() != fmt.Sprintf("no kept records %d", bad) {
			t.Errorf("JSONWrite(%d): %v", bad, err)
		}
	}
	// json_keep binds as json_bind does: the same refusals.
	for _, in := range []string{`null`, `{"id":1}`, `[{"id":"1"}]`, "[\"\xff\"]"} {
		if h, err := ops.JSONKeep(lib, []byte(in)); err == nil {
			ops.JSONRelease(h)
			t.Errorf("JSONKeep(%q) = %d, want an error", in, h)
		}
	}
}

// json_write writes the record's 8 fields in its order, with each library's
// own escaping: encoding/json escapes <, > and &, sonic's default does not.
func TestJSONWriteOutput(t *testing.T) {
	doc := `[{"id":1,"email":"e","name":"<&>","password_hash":"h","roles":["r"],"active":true,"score":0.5,"created_at":"c","x":1}]`
	for lib, want := range map[ops.Library]string{
		ops.Usual: `[{"id":1,"email":"e","name":"\u003c\u0026\u003e","password_hash":"h","roles":["r"],"active":true,"score":0.5,"created_at":"c"}]`,
		ops.Fast:  `[{"id":1,"email":"e","name":"<&>","password_hash":"h","roles":["r"],"active":true,"score":0.5,"created_at":"c"}]`,
	} {
		h, err := ops.JSONKeep(lib, []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		n, err := ops.JSONWrite(h)
		ops.JSONRelease(h)
		if err != nil || n != len(want) {
			t.Errorf("%s: JSONWrite = %d, %v; want %d bytes: %s", lib.Role(), n, err, len(want), want)
		}
	}
}

// json_write_digest equals json_bind_digest, for each library and across
// them, on the corpus and on the edge records of twoUsers.
func TestJSONWriteDigestEqualsBindDigest(t *testing.T) {
	docs := map[string][]byte{"twoUsers": []byte(twoUsers), "empty": []byte(`[]`)}
	for _, name := range payloadNames {
		docs[name] = corpusFile(t, name+".json")
	}
	for name, doc := range docs {
		var digests []string
		for _, lib := range ops.JSONLibraries {
			bind, err := ops.JSONBindDigest(lib, doc)
			if err != nil {
				t.Fatalf("%s %s: JSONBindDigest: %v", name, lib.Role(), err)
			}
			write, err := ops.JSONWriteDigest(lib, doc)
			if err != nil {
				t.Fatalf("%s %s: JSONWriteDigest: %v", name, lib.Role(), err)
			}
			digests = append(digests, bind, write)
		}
		for _, d := range digests[1:] {
			if d != digests[0] {
				t.Errorf("%s: bind and write digests of usual, fast differ: %v", name, digests)
				break
			}
		}
	}
	// The digest ops' contract holds for json_write_digest too.
	for _, lib := range ops.JSONLibraries {
		for _, in := range []string{`[{"id":1,"id":2}]`, `[{"name":"\ud800"}]`, "[{\"name\":\"a\tb\"}]", `null`} {
			if d, err := ops.JSONWriteDigest(lib, []byte(in)); err == nil {
				t.Errorf("%s: JSONWriteDigest(%q) = %s, want an error", lib.Role(), in, d)
			}
		}
	}
}

// Every library agrees with the usual one on every corpus payload: counts, tree and bind digests.
func TestJSONLibrariesAgreeOnCorpus(t *testing.T) {
	for _, name := range payloadNames {
		doc := corpusFile(t, name+".json")
		type result struct {
			tree, bind int
			treeDigest string
			bindDigest string
		}
		var got []result
		for _, lib := range ops.JSONLibraries {
			var r result
			var err [4]error
			r.tree, err[0] = ops.JSONTree(lib, doc)
			r.bind, err[1] = ops.JSONBind(lib, doc)
			r.treeDigest, err[2] = ops.JSONTreeDigest(lib, doc)
			r.bindDigest, err[3] = ops.JSONBindDigest(lib, doc)
			for _, e := range err {
				if e != nil {
					t.Fatalf("%s %s: %v", name, lib.Role(), e)
				}
			}
			got = append(got, r)
		}
		for i, r := range got[1:] {
			if r != got[0] {
				t.Errorf("%s: usual %+v, %s %+v", name, got[0], ops.JSONLibraries[i+1].Role(), r)
			}
		}
	}
}

func TestJSONUnknownLibrary(t *testing.T) {
	doc := []byte(`[]`)
	for _, lib := range []ops.Library{ops.Library(len(ops.JSONLibraries)), -1, 1 << 40} {
		want := fmt.Sprintf("no JSON library %d in the go lane", int64(lib))
		var errs []error
		_, err := ops.JSONTree(lib, doc)
		errs = append(errs, err)
		_, err = ops.JSONTreeDigest(lib, doc)
		errs = append(errs, err)
		_, err = ops.JSONBind(lib, doc)
		errs = append(errs, err)
		_, err = ops.JSONBindDigest(lib, doc)
		errs = append(errs, err)
		_, err = ops.JSONKeep(lib, doc)
		errs = append(errs, err)
		_, err = ops.JSONWriteDigest(lib, doc)
		errs = append(errs, err)
		for i, err := range errs {
			if err == nil || err.Error() != want {
				t.Errorf("library %d, op %d: %v; want %q", int64(lib), i, err, want)
			}
		}
	}
}

// The timed json_tree keeps each library's leniency (OPS.md's table): what it
// accepts (true) that the contract, and so both digest ops, reject.
func TestJSONTimedLeniency(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tc := range []struct {
		name        string
		doc         string
		usual, fast bool
	}{
		{"overlong UTF-8 (utf8.Valid)", "[\"\xc0\xaf\"]", false, false},
		{"CESU-8 (utf8.Valid)", "[\"\xed\xa0\x80\xed\xb0\x80\"]", false, false},
		{"byte order mark", "\xef\xbb\xbf[1]", false, false},
		{"lone high surrogate escape", `["\ud800"]`, true, true},
		{"lone low surrogate escape", `["\udc00x"]`, true, true},
		{"duplicate names", `{"a":1,"a":2}`, true, true},
		{"nesting 202", deep(ops.MaxDepth + 1), true, true},
		{"nesting 4095", deep(4095), true, true},
		{"nesting 4096", deep(4096), true, false},
		{"nesting 10000", deep(10000), true, false},
		{"nesting 10001", deep(10001), false, false},
		{"number of 1001 characters", `[0.` + strings.Repeat("1", ops.MaxNumberChars-1) + `]`, true, true},
		{"number of 100,000 characters", `[0.` + strings.Repeat("1", 100000) + `]`, true, true},
		{"1e400", `[1e400]`, false, false},
		{"integer beyond double", `[1` + strings.Repeat("0", 400) + `]`, false, false},
		{"raw tab in a string", "[\"a\tb\"]", false, true},
		{"raw control 0x01 in a name", "{\"a\x01\":1}", false, true},
		{"raw NUL in a string", "[\"\x00\"]", false, true},
		{"line comment", "[1] // c", false, false},
		{"block comment", "/* c */ [1]", false, false},
		{"trailing comma in array", `[1,]`, false, false},
		{"trailing comma in object", `{"a":1,}`, false, false},
		{"NaN", `[NaN]`, false, false},
		{"Infinity", `[-Infinity]`, false, false},
		{"single quotes", `{'a':1}`, false, false},
		{"leading zero", `[01]`, false, false},
		{"hex number", `[0x10]`, false, false},
		{"trailing data", `[1] [2]`, false, false},
		{"only whitespace", " \n", false, false},
		{"unterminated string", `"abc`, false, false},
		// sonic reads a top-level string of 32n bytes with no closing quote as one of 32n-1.
		{"unterminated string of 32 bytes", `"` + strings.Repeat("a", 32), false, true},
		{"unterminated string of 64 bytes", `"` + strings.Repeat("&", 64), false, true},
	} {
		for lib, want := range map[ops.Library]bool{ops.Usual: tc.usual, ops.Fast: tc.fast} {
			_, err := ops.JSONTree(lib, []byte(tc.doc))
			if got := err == nil; got != want {
				t.Errorf("%s: %s json_tree accepts = %v (%v), want %v", tc.name, lib.Role(), got, err, want)
			}
			if d, err := ops.JSONTreeDigest(lib, []byte(tc.doc)); err == nil {
				t.Errorf("%s: %s json_tree_digest = %s, want an error (contract)", tc.name, lib.Role(), d)
			}
		}
	}
}

// The digest ops of both libraries agree on mutated documents (the corpus and
// edge documents with bytes flipped, deleted, duplicated or inserted): the
// one contract check must leave no library leniency through. A fixed seed and
// a bounded count, so a failure repeats.
func TestJSONLibrariesAgreeOnMutations(t *testing.T) {
	seeds := [][]byte{corpusFile(t, "small.json"), []byte(twoUsers), []byte(rfcInput), []byte(rfcSortInput),
		[]byte(`{"a":[1,-0.5e3,"x\u00e9\ud83d\ude00",true,null,{}],"b":"\\"}`)}
	inserts := []string{"\t", "\x00", "\x1f", "\x7f", "\xc3", "\xed\xa0\x80", `\u`, `\ud800`, `"`, ",", "]", "}", "[", "{",
		":", "/", "*", "'", "NaN", "1e400", "-", ".", "0", "e", " ", "\ufeff", `\`, "n", "tru"}
	rng := rand.New(rand.NewSource(10))
	trials := 20000
	if testing.Short() {
		trials = 2000
	}
	for i := 0; i < trials; i++ {
		doc := slices.Clone(seeds[rng.Intn(len(seeds))])
		for m := 1 + rng.Intn(3); m > 0 && len(doc) > 0; m-- {
			at := rng.Intn(len(doc))
			switch rng.Intn(4) {
			case 0:
				doc[at] = byte(rng.Intn(256))
			case 1:
				doc = slices.Delete(doc, at, min(len(doc), at+1+rng.Intn(4)))
			case 2:
				end := min(len(doc), at+1+rng.Intn(8))
				doc = slices.Insert(doc, at, doc[at:end]...)
			default:
				doc = slices.Insert(doc, at, []byte(inserts[rng.Intn(len(inserts))])...)
			}
		}
		for _, op := range []struct {
			name string
			f    func(ops.Library, []byte) (string, error)
		}{{"tree", ops.JSONTreeDigest}, {"bind", ops.JSONBindDigest}, {"write", ops.JSONWriteDigest}} {
			u, errU := op.f(ops.Usual, doc)
			f, errF := op.f(ops.Fast, doc)
			if (errU == nil) != (errF == nil) || u != f {
				t.Fatalf("%s digest of %q: usual %s, %v; fast %s, %v", op.name, doc, u, errU, f, errF)
			}
		}
	}
}

// The timed json_bind keeps each library's leniency too: sonic does not check
// the escapes of a string it skips (an unknown field's), nor raw control
// characters anywhere; both skip an unknown field's 1e400 and lone surrogate.
// The digest ops refuse every row: CheckDocument checks what the bind skips.
func TestJSONBindTimedLeniency(t *testing.T) {
	for _, tc := range []struct {
		doc         string
		usual, fast bool
		digest      bool // the digest ops accept it
	}{
		{`[{"x":"\0"}]`, false, true, false},
		{`[{"x":"\u12"}]`, false, true, false},
		{"[{\"x\":\"a\tb\"}]", false, true, false},
		{"[{\"name\":\"a\tb\"}]", false, true, false},
		{`[{"name":"\0"}]`, false, false, false},
		{`[{"x":1e400}]`, true, true, false},
		{`[{"x":-1e400,"id":1}]`, true, true, false},
		{`[{"x":"\ud800"}]`, true, true, false},
		{`[{"x":[1,]}]`, false, false, false},
		{`[{"x":NaN}]`, false, false, false},
	} {
		for lib, want := range map[ops.Library]bool{ops.Usual: tc.usual, ops.Fast: tc.fast} {
			_, err := ops.JSONBind(lib, []byte(tc.doc))
			if got := err == nil; got != want {
				t.Errorf("%q: %s json_bind accepts = %v (%v), want %v", tc.doc, lib.Role(), got, err, want)
			}
			if d, err := ops.JSONBindDigest(lib, []byte(tc.doc)); (err == nil) != tc.digest {
				t.Errorf("%q: %s json_bind_digest = %s, %v; want accepted %v", tc.doc, lib.Role(), d, err, tc.digest)
			}
		}
	}
}
