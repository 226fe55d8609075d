// Package corpus reads the repository's corpus/ files, each checked against
// corpus/SHA256SUMS, so every Go harness (the tests and benchmarks, and the
// web stack the lane builds) reads the bytes JMH and pyperf read.
package corpus

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// SumsFile is the list of every corpus file and its sha256, in dir.
const SumsFile = "SHA256SUMS"

// Read returns the named files of dir (names may hold a folder, as
// requests/json.http), each checked against dir/SHA256SUMS.
func Read(dir string, names []string) (map[string][]byte, error) {
	sums, err := ReadSums(filepath.Join(dir, SumsFile))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, name := range names {
		want, ok := sums[name]
		if !ok {
			return nil, fmt.Errorf("%s/%s does not list %s", dir, SumsFile, name)
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			return nil, fmt.Errorf("%s/%s has sha256 %s, but %s says %s", dir, name, got, SumsFile, want)
		}
		files[name] = b
	}
	return files, nil
}

// ReadSums parses sha256sum's output: "<hex>  <name>" (or " *<name>") per line.
func ReadSums(path string) (map[string]string, error) {
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
