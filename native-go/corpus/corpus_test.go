package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRefusesChangedBytes(t *testing.T) {
	dir := t.TempDir()
	sum := sha256.Sum256([]byte("right"))
	sums := hex.EncodeToString(sum[:]) + "  f\n"
	if err := os.WriteFile(filepath.Join(dir, SumsFile), []byte(sums), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("wrong"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(dir, []string{"f"}); err == nil || !strings.Contains(err.Error(), "SHA256SUMS says") {
		t.Errorf("changed file: err = %v", err)
	}
	if _, err := Read(dir, []string{"g"}); err == nil || !strings.Contains(err.Error(), "does not list") {
		t.Errorf("unlisted file: err = %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("right"), 0o644); err != nil {
		t.Fatal(err)
	}
	if files, err := Read(dir, []string{"f"}); err != nil || string(files["f"]) != "right" {
		t.Errorf("Read = %q, %v; want right", files["f"], err)
	}
}

func TestReadSumsRefusesOtherLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), SumsFile)
	if err := os.WriteFile(path, []byte("not a sum line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSums(path); err == nil || !strings.Contains(err.Error(), "not a sha256sum line") {
		t.Errorf("ReadSums = %v; want not a sha256sum line", err)
	}
}

func TestReadRequests(t *testing.T) {
	requests, err := ReadRequests(filepath.Join("..", "..", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if len(requests) < 3 || requests[0].Name != "json.http" || requests[0].Tiers != "all" || requests[0].Expected != "200" {
		t.Fatalf("requests start %+v; want json.http, all, 200 first", requests[:min(1, len(requests))])
	}
	for _, r := range requests {
		if !strings.Contains(string(r.Bytes), "\r\n") {
			t.Errorf("%s: %q is not an HTTP request", r.Name, r.Bytes[:min(40, len(r.Bytes))])
		}
	}
}
