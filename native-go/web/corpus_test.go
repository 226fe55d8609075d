package web

import (
	"os"
	"path/filepath"
	"testing"

	"crossbench/native-go/corpus"
)

// corpusDir is the repository's corpus/; go test runs in native-go/web. The
// files read here are among those native-go/ops' corpus test requires to be
// loaded.
var corpusDir = filepath.Join("..", "..", "corpus")

func TestMain(m *testing.M) {
	SetCorpus(corpusDir)
	os.Exit(m.Run())
}

// corpusRequests is the request corpus, checked against SHA256SUMS.
func corpusRequests(tb testing.TB) []corpus.Request {
	tb.Helper()
	requests, err := corpus.ReadRequests(corpusDir)
	if err != nil {
		tb.Fatal(err)
	}
	return requests
}

// corpusRequest is one request of the corpus, by name.
func corpusRequest(tb testing.TB, name string) []byte {
	tb.Helper()
	for _, r := range corpusRequests(tb) {
		if r.Name == name {
			return r.Bytes
		}
	}
	tb.Fatalf("%s is not in %s", name, corpus.ExpectedFile)
	return nil
}

// corpusFile is a corpus file, checked against SHA256SUMS.
func corpusFile(tb testing.TB, name string) []byte {
	tb.Helper()
	files, err := corpus.Read(corpusDir, []string{name})
	if err != nil {
		tb.Fatal(err)
	}
	return files[name]
}
