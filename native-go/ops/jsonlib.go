package ops

import (
	"encoding/json"
	"fmt"

	"github.com/bytedance/sonic"
)

// Library is the JSON library a JSON op uses: n of OPS.md (its roles: usual, fast).
type Library int64

const (
	// Usual is encoding/json, what a Go service gets without choosing.
	Usual Library = 0
	// Fast is github.com/bytedance/sonic with sonic.ConfigDefault (sonic.Unmarshal
	// and sonic.Marshal): what a service that picks sonic for speed calls.
	Fast Library = 1
)

// JSONLibraries lists the libraries in order of n.
var JSONLibraries = []Library{Usual, Fast}

// jsonLibrary is what the JSON ops need of a library: a generic tree (maps,
// slices, float64, string, bool, nil, so one canonical writer serves both),
// binding []User, and writing it.
type jsonLibrary struct {
	role   string // as in versions' "json_libraries"
	module string // as in versions' "libraries"
	tree   func(doc []byte, v *any) error
	bind   func(doc []byte, users *[]User) error
	write  func(users []User) ([]byte, error)
}

var jsonLibraries = [...]jsonLibrary{
	Usual: {
		role:   "usual",
		module: "encoding/json",
		tree:   func(doc []byte, v *any) error { return json.Unmarshal(doc, v) },
		bind:   func(doc []byte, u *[]User) error { return json.Unmarshal(doc, u) },
		// json.Marshal as a handler writes a body: it escapes <, > and &,
		// which the canonical form undoes.
		write: func(u []User) ([]byte, error) { return json.Marshal(u) },
	},
	Fast: {
		// sonic.Unmarshal copies doc before parsing (its strings point into
		// the copy), so kept records never point into the caller's memory.
		role:   "fast",
		module: "github.com/bytedance/sonic",
		tree:   func(doc []byte, v *any) error { return sonic.Unmarshal(doc, v) },
		bind:   func(doc []byte, u *[]User) error { return sonic.Unmarshal(doc, u) },
		write:  func(u []User) ([]byte, error) { return sonic.Marshal(u) },
	},
}

func (l Library) impl() (*jsonLibrary, error) {
	if l < 0 || int64(l) >= int64(len(jsonLibraries)) {
		return nil, fmt.Errorf("no JSON library %d in the go lane", int64(l))
	}
	// Off amd64/arm64 or on a Go release it does not know, sonic silently
	// becomes encoding/json: a benchmark must not report that as sonic.
	if l == Fast && sonic.APIKind != sonic.UseSonicJSON {
		return nil, fmt.Errorf("no JSON library %d in the go lane (sonic falls back to encoding/json on this platform)", int64(l))
	}
	return &jsonLibraries[l], nil
}

// Module is the library's module path ("encoding/json" for the standard
// library); Role is its role in OPS.md ("usual", "fast"). Both are "" for a
// Library that is none of JSONLibraries.
func (l Library) Module() string {
	if lib, err := l.impl(); err == nil {
		return lib.module
	}
	return ""
}

func (l Library) Role() string {
	if lib, err := l.impl(); err == nil {
		return lib.role
	}
	return ""
}
