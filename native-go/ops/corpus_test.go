package ops_test

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"crossbench/native-go/corpus"
)

// corpusDir is the repository's corpus/, the inputs JMH and the pyperf harness
// read too; go test runs in native-go/ops.
var corpusDir = filepath.Join("..", "..", "corpus")

// corpusFiles are the files these tests and benchmarks load, and those the
// web stack loads beside them (native-go/web: the users' password hashes;
// its tests also load requests/expected.tsv and every request it lists).
var corpusFiles = []string{"small.json", "medium.json", "large.json", "jwt-claims.json", "jwt-key", "password",
	"password-bcrypt-10", "password-bcrypt-12"}

// payloadNames are the JSON payloads, in the order every harness runs them.
var payloadNames = []string{"small", "medium", "large"}

var loaded struct {
	once  sync.Once
	files map[string][]byte
	err   error
}

// loadCorpus reads every file of corpusFiles and checks it against
// corpus/SHA256SUMS, so these benchmarks run on the bytes the others do.
func loadCorpus() (map[string][]byte, error) {
	loaded.once.Do(func() {
		loaded.files, loaded.err = corpus.Read(corpusDir, corpusFiles)
	})
	return loaded.files, loaded.err
}

// corpusFile is a corpus file for a test or benchmark; it stops tb if the corpus does not check out.
func corpusFile(tb testing.TB, name string) []byte {
	tb.Helper()
	files, err := loadCorpus()
	if err != nil {
		tb.Fatal(err)
	}
	b, ok := files[name]
	if !ok {
		tb.Fatalf("%s is not in corpusFiles", name)
	}
	return b
}

// Every file SHA256SUMS lists is loaded, checked, by a Go test or benchmark.
func TestCorpusMatchesSHA256SUMS(t *testing.T) {
	requests, err := corpus.ReadRequests(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	sums, err := corpus.ReadSums(filepath.Join(corpusDir, corpus.SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for name := range sums {
		listed = append(listed, name)
	}
	sort.Strings(listed)
	all := append([]string{corpus.ExpectedFile}, corpusFiles...)
	for _, r := range requests {
		all = append(all, r.File())
	}
	sort.Strings(all)
	if strings.Join(listed, ",") != strings.Join(all, ",") {
		t.Errorf("SHA256SUMS lists %v; the Go tests load %v", listed, all)
	}
	for _, name := range corpusFiles {
		sum := sha256.Sum256(corpusFile(t, name))
		if hex.EncodeToString(sum[:]) != sums[name] {
			t.Errorf("%s does not match SHA256SUMS", name)
		}
	}
	if got := len(corpusFile(t, "small.json")); got != 253 {
		t.Errorf("small.json is %d bytes, want the suite's 253", got)
	}
}
