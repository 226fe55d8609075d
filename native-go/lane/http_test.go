package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crossbench/native-go/web"
)

// The start config names the corpus the web stack reads; nothing else.
func TestStartConfig(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{"", ""},
		{"corpus=" + filepath.Join("..", "..", "corpus") + "\n", ""},
		{"python=/usr/bin/python3\n", `unknown key "python"`},
		{"corpus", `a line without '='`},
	} {
		err := startConfig([]byte(tc.config))
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("startConfig(%q) = %v; want %q", tc.config, err, tc.want)
		}
	}
}

// The http ops through the dispatcher, in OPS.md's encodings.
func TestCallHTTP(t *testing.T) {
	if err := startConfig([]byte("corpus=" + filepath.Join("..", "..", "corpus"))); err != nil {
		t.Fatal(err)
	}
	run := func(name, a, b string, n int64) (string, error) {
		res, err := call(opIndex([]byte(name)), []byte(a), []byte(b), n)
		return string(res), err
	}
	json := "GET /json HTTP/1.1\r\nHost: crossbench\r\n\r\n"
	for tier := int64(0); tier < 3; tier++ {
		got, err := run("http_check", json, "equalised", tier)
		if want := "200\napplication/json; charset=utf-8\n{\"message\":\"Hello, World!\"}"; got != want || err != nil {
			t.Errorf("tier %d: http_check = %q, %v; want %q", tier, got, err, want)
		}
		h, err := run("http_keep", json, "as-written", tier)
		handle, _ := strconv.ParseInt(h, 10, 64)
		if err != nil || handle <= 0 {
			t.Fatalf("tier %d: http_keep = %q, %v; want a positive decimal handle", tier, h, err)
		}
		if got, err := run("http_run", "", "", handle); got != "200 27" || err != nil {
			t.Errorf("tier %d: http_run = %q, %v; want 200 27", tier, got, err)
		}
		if got, err := run("http_release", "", "", handle); got != "" || err != nil {
			t.Errorf("tier %d: http_release = %q, %v", tier, got, err)
		}
		if _, err := run("http_run", "", "", handle); err == nil || err.Error() != fmt.Sprintf("no kept request %d", handle) {
			t.Errorf("tier %d: http_run after release: %v", tier, err)
		}
	}
	if got, err := run("http_check", "GARBAGE\r\n\r\n", "equalised", 2); got != "400\ntext/plain; charset=utf-8\n400 Bad Request" || err != nil {
		t.Errorf("http_check of a bad request line = %q, %v", got, err)
	}
	for _, tc := range []struct {
		op, b string
		n     int64
		want  string
	}{
		{"http_keep", "equalised", 3, "no server-caller tier in the go lane"},
		{"http_check", "equalised", 3, "no server-caller tier in the go lane"},
		{"http_keep", "fast", 0, `no app "fast"`},
		{"http_release", "", 0, "no kept request 0"},
	} {
		if got, err := run(tc.op, json, tc.b, tc.n); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s(%q, %d) = %q, %v; want %q", tc.op, tc.b, tc.n, got, err, tc.want)
		}
	}
}

// versions' http_tiers are the Java side's HttpTier ids the lane answers.
func TestHTTPTiers(t *testing.T) {
	if got := httpTiers(); !slices.Equal(got, []string{"handler", "framework", "server"}) {
		t.Errorf("http_tiers = %v", got)
	}
}

// versions' http_apps leave out the as-written app only because it does the
// equalised app's work: the same handlers, over a hash of the same cost.
func TestHTTPApps(t *testing.T) {
	v, err := versions()
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		Apps []string `json:"http_apps"`
	}
	if err := json.Unmarshal(v, &info); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(info.Apps, []string{web.Equalised}) {
		t.Errorf("http_apps = %v", info.Apps)
	}
	if web.AppCost(web.AsWritten) != web.AppCost(web.Equalised) {
		t.Errorf("as written costs %d, equalised %d: the as-written app has work of its own and belongs in http_apps",
			web.AppCost(web.AsWritten), web.AppCost(web.Equalised))
	}
}
