package ops

import (
	"reflect"
	"runtime"
	"runtime/debug"
	"testing"
)

// Versions itself is checked through the built library (see lane): a test
// binary has no dependency list to read.
func TestLibraryVersions(t *testing.T) {
	bi := &debug.BuildInfo{Deps: []*debug.Module{
		{Path: "golang.org/x/crypto", Version: "v0.33.0"},
		{Path: "github.com/golang-jwt/jwt/v5", Version: "v5.3.1"},
		{Path: "github.com/gowebpki/jcs", Version: "v1.0.1",
			Replace: &debug.Module{Path: "github.com/gowebpki/jcs", Version: "v1.0.2"}},
		{Path: "github.com/bytedance/sonic", Version: "v1.15.5"},
		{Path: "github.com/gin-gonic/gin", Version: "v1.12.0"},
		{Path: "example.com/other", Version: "v1.0.0"},
	}}
	got, err := libraryVersions(bi)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"golang.org/x/crypto":          "v0.33.0",
		"github.com/golang-jwt/jwt/v5": "v5.3.1",
		"github.com/gowebpki/jcs":      "v1.0.2",
		"github.com/bytedance/sonic":   "v1.15.5",
		"github.com/gin-gonic/gin":     "v1.12.0",
		"encoding/json":                runtime.Version(),
		"net/http":                     runtime.Version(),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("libraryVersions = %v, want %v", got, want)
	}
	bi.Deps = bi.Deps[1:]
	if _, err := libraryVersions(bi); err == nil {
		t.Error("missing x/crypto: no error")
	}
}

// Every library json_libraries names has its version in "libraries".
func TestJSONLibraryRoles(t *testing.T) {
	want := map[string]map[string]string{
		"usual": {"tree": "encoding/json", "bind": "encoding/json", "write": "encoding/json"},
		"fast": {"tree": "github.com/bytedance/sonic", "bind": "github.com/bytedance/sonic",
			"write": "github.com/bytedance/sonic"},
	}
	if got := jsonLibraryRoles(); !reflect.DeepEqual(got, want) {
		t.Errorf("jsonLibraryRoles = %v, want %v", got, want)
	}
	libs, err := libraryVersions(&debug.BuildInfo{Deps: []*debug.Module{
		{Path: "golang.org/x/crypto", Version: "v0.33.0"},
		{Path: "github.com/golang-jwt/jwt/v5", Version: "v5.3.1"},
		{Path: "github.com/gowebpki/jcs", Version: "v1.0.1"},
		{Path: "github.com/bytedance/sonic", Version: "v1.15.5"},
		{Path: "github.com/gin-gonic/gin", Version: "v1.12.0"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for role, kinds := range want {
		for kind, lib := range kinds {
			if libs[lib] == "" {
				t.Errorf("json_libraries %s.%s = %s has no version in libraries %v", role, kind, lib, libs)
			}
		}
	}
}
