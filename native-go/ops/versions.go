package ops

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
)

// Libraries are the modules whose versions a result must record, beside the
// JSON libraries (JSONLibraries), which record their own, and the standard
// library's packages the lane uses in their role (stdlibPackages).
var Libraries = []string{
	"golang.org/x/crypto",
	"github.com/golang-jwt/jwt/v5",
	"github.com/gowebpki/jcs",
	"github.com/gin-gonic/gin", // the web stack, native-go/web
}

// stdlibPackages are the standard library's packages recorded as libraries,
// at the Go release's version: encoding/json, the usual JSON library, and
// net/http, the web stack's server.
var stdlibPackages = []string{Usual.Module(), "net/http"}

// Versions describes this build: Go runtime, library versions (from the build
// info linked into the binary, so they are the versions actually running) and
// GOMAXPROCS, which bounds how many threads can run Go code at once.
//
// Test binaries carry no dependency list (golang/go#33976), so under `go test`
// this returns an error; programs and the c-shared library have one.
func Versions() ([]byte, error) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return nil, errors.New("versions: no build info in this binary")
	}
	libs, err := libraryVersions(bi)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Runtime       string                       `json:"runtime"`
		Libraries     map[string]string            `json:"libraries"`
		JSONLibraries map[string]map[string]string `json:"json_libraries"`
		GOMAXPROCS    int                          `json:"gomaxprocs"`
	}{runtime.Version(), libs, jsonLibraryRoles(), runtime.GOMAXPROCS(0)})
}

// jsonLibraryRoles is versions' "json_libraries": role -> op kind -> library.
// One library does all three kinds in this lane.
func jsonLibraryRoles() map[string]map[string]string {
	roles := map[string]map[string]string{}
	for _, lib := range JSONLibraries {
		m := lib.Module()
		roles[lib.Role()] = map[string]string{"tree": m, "bind": m, "write": m}
	}
	return roles
}

func libraryVersions(bi *debug.BuildInfo) (map[string]string, error) {
	deps := map[string]string{}
	for _, d := range bi.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		deps[d.Path] = d.Version
	}
	libs := map[string]string{}
	for _, pkg := range stdlibPackages {
		libs[pkg] = runtime.Version()
	}
	paths := slices.Clone(Libraries)
	for _, lib := range JSONLibraries[1:] {
		paths = append(paths, lib.Module())
	}
	for _, path := range paths {
		v, ok := deps[path]
		if !ok {
			return nil, fmt.Errorf("versions: %s is not in the build info", path)
		}
		libs[path] = v
	}
	return libs, nil
}
