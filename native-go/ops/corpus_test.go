package ops_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// corpusDir is the repository's corpus/, the inputs JMH and the pyperf harness
// read too; go test runs in native-go/ops.
var corpusDir = filepath.Join("..", "..", "corpus")

// corpusFiles are the files these tests and benchmarks load.
var corpusFiles = []string{"small.json", "medium.json", "large.json", "jwt-claims.json", "jwt-key", "password"}

// payloadNames are the JSON payloads, in the order every harness runs them.
var payloadNames = []string{"small", "medium", "large"}

var corpus struct {
	once  sync.Once
	files map[string][]byte
	err   error
}

// loadCorpus reads every file of corpusFiles and checks it against
// corpus/SHA256SUMS, so these benchmarks run on the bytes the others do.
func loadCorpus() (map[string][]byte, error) {
	corpus.once.Do(func() {
		corpus.files, corpus.err = readCorpus(corpusDir, corpusFiles)
	})
	return corpus.files, corpus.err
}

func readCorpus(dir string, names []string) (map[string][]byte, error) {
	sums, err := readSums(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, name := range names {
		want, ok := sums[name]
		if !ok {
			return nil, fmt.Errorf("%s/SHA256SUMS does not list %s", dir, name)
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			return nil, fmt.Errorf("%s/%s has sha256 %s, but SHA256SUMS says %s", dir, name, got, want)
		}
		files[name] = b
	}
	return files, nil
}

// readSums parses sha256sum's output: "<hex>  <name>" (or " *<name>") per line.
func readSums(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if len(line) < 67 || (line[65] != ' ' && line[65] != '*') || line[64] != ' ' {
			return nil, fmt.Errorf("%s: not a sha256sum line: %q", path, line)
		}
		if _, err := hex.DecodeString(line[:64]); err != nil {
			return nil, fmt.Errorf("%s: not a sha256sum line: %q", path, line)
		}
		sums[line[66:]] = line[:64]
	}
	return sums, sc.Err()
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

func TestCorpusMatchesSHA256SUMS(t *testing.T) {
	files, err := loadCorpus()
	if err != nil {
		t.Fatal(err)
	}
	sums, err := readSums(filepath.Join(corpusDir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for name := range sums {
		listed = append(listed, name)
	}
	sort.Strings(listed)
	loaded := append([]string(nil), corpusFiles...)
	sort.Strings(loaded)
	if strings.Join(listed, ",") != strings.Join(loaded, ",") {
		t.Errorf("SHA256SUMS lists %v; these tests load %v", listed, loaded)
	}
	for _, name := range corpusFiles {
		sum := sha256.Sum256(files[name])
		if hex.EncodeToString(sum[:]) != sums[name] {
			t.Errorf("%s does not match SHA256SUMS", name)
		}
	}
	if got := len(files["small.json"]); got != 253 {
		t.Errorf("small.json is %d bytes, want the suite's 253", got)
	}
}

func TestCorpusRefusesChangedBytes(t *testing.T) {
	dir := t.TempDir()
	sum := sha256.Sum256([]byte("right"))
	sums := hex.EncodeToString(sum[:]) + "  f\n"
	if err := os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(sums), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("wrong"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCorpus(dir, []string{"f"}); err == nil || !strings.Contains(err.Error(), "SHA256SUMS says") {
		t.Errorf("changed file: err = %v", err)
	}
	if _, err := readCorpus(dir, []string{"g"}); err == nil || !strings.Contains(err.Error(), "does not list") {
		t.Errorf("unlisted file: err = %v", err)
	}
}
