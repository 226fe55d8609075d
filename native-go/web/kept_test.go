package web

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTiersAndApps(t *testing.T) {
	json := corpusRequest(t, "json.http")
	for _, tc := range []struct {
		app  string
		tier int64
		want string
	}{
		{Equalised, int64(ServerCaller), "no server-caller tier in the go lane"},
		{Equalised, 4, "no HTTP tier 4"},
		{Equalised, -1, "no HTTP tier -1"},
		{"", 0, `no app ""`},
		{"Equalised", 0, `no app "Equalised"`},
	} {
		if h, err := Keep(json, tc.app, tc.tier); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Keep(%q, %d) = %d, %v; want %q", tc.app, tc.tier, h, err, tc.want)
		}
		if got, err := Check(json, tc.app, tc.tier); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Check(%q, %d) = %v, %v; want %q", tc.app, tc.tier, got, err, tc.want)
		}
	}
}

// The handler and framework tiers take requests that parse: the others fail
// naming the request; routing is not the handler tier's.
func TestTiersRefuse(t *testing.T) {
	for _, tc := range []struct {
		request string
		tier    Tier
		want    string
	}{
		{"not-found.http", Handler, `handler tier, request "GET /nope HTTP/1.1": the handler tier has no endpoint for GET /nope`},
		{"wrong-method.http", Handler, "no endpoint for DELETE /json"},
		{"bad-request-line.http", Framework, `framework tier, request "GARBAGE": it does not parse`},
		{"bad-chunked.http", Framework, "its body does not read"},
		{"duplicate-content-length.http", Handler, "it does not parse"},
	} {
		request := corpusRequest(t, tc.request)
		if h, err := Keep(request, Equalised, int64(tc.tier)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Keep(%s, %s) = %d, %v; want %q", tc.request, tc.tier, h, err, tc.want)
		}
		if got, err := Check(request, Equalised, int64(tc.tier)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Check(%s, %s) = %v, %v; want %q", tc.request, tc.tier, got, err, tc.want)
		}
	}
}

func TestReleaseAndUnknownHandles(t *testing.T) {
	json := corpusRequest(t, "json.http")
	for _, tier := range Tiers {
		h, err := Keep(json, Equalised, int64(tier))
		if err != nil || h <= 0 {
			t.Fatalf("%s: Keep = %d, %v; want a positive handle", tier, h, err)
		}
		h2, err := Keep(json, Equalised, int64(tier))
		if err != nil || h2 == h {
			t.Fatalf("%s: second Keep = %d, %v; want a new handle (first %d)", tier, h2, err, h)
		}
		if err := Release(h); err != nil {
			t.Fatal(err)
		}
		msg := fmt.Sprintf("no kept request %d", h)
		if _, _, err := Run(h); err == nil || err.Error() != msg {
			t.Errorf("%s: Run after release: %v; want %q", tier, err, msg)
		}
		if err := Release(h); err == nil || err.Error() != msg {
			t.Errorf("%s: second Release: %v; want %q", tier, err, msg)
		}
		if status, _, err := Run(h2); status != 200 || err != nil {
			t.Errorf("%s: the other handle after release: %d, %v", tier, status, err)
		}
		Release(h2)
	}
	for _, bad := range []int64{0, -1, 1 << 62} {
		if _, _, err := Run(bad); err == nil || err.Error() != fmt.Sprintf("no kept request %d", bad) {
			t.Errorf("Run(%d): %v", bad, err)
		}
		if err := Release(bad); err == nil || err.Error() != fmt.Sprintf("no kept request %d", bad) {
			t.Errorf("Release(%d): %v", bad, err)
		}
	}
}

// Two handles of one app have requests in flight on its server at once, as
// two keep-alive connections to one worker: both requests are written before
// either answer is read.
func TestTwoConnectionsInFlight(t *testing.T) {
	a, err := appNamed(Equalised)
	if err != nil {
		t.Fatal(err)
	}
	login, items := corpusRequest(t, "login.http"), corpusRequest(t, "items.http")
	first, err := keepServer(a, login)
	if err != nil {
		t.Fatal(err)
	}
	defer first.release()
	second, err := keepServer(a, items)
	if err != nil {
		t.Fatal(err)
	}
	defer second.release()
	for _, k := range []*serverKept{first, second} {
		if _, err := k.client.conn.Write(k.request); err != nil {
			t.Fatal(err)
		}
		k.client.conn.SetReadDeadline(time.Now().Add(readTimeout))
	}
	// The second connection's answer comes while the first's bcrypt may still run.
	for _, k := range []*serverKept{second, first} {
		resp, n, err := k.client.readAnswer(k.head, discard{})
		if err != nil || resp.StatusCode != 200 || n == 0 {
			t.Errorf("%s: %v, %d bytes, %v", requestLine(k.request), resp, n, err)
		}
	}
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }

// Several goroutines run their own handles at once, on every tier, as JMH
// threads do (go test -race checks the sharing).
func TestConcurrentRuns(t *testing.T) {
	var wg sync.WaitGroup
	for _, tier := range Tiers {
		for _, name := range []string{"json.http", "items.http", "login.http", "json.http"} {
			h, err := Keep(corpusRequest(t, name), Equalised, int64(tier))
			if err != nil {
				t.Fatal(err)
			}
			defer Release(h)
			want, length, err := Run(h)
			if err != nil || want != 200 {
				t.Fatalf("%s %s: %d, %v", tier, name, want, err)
			}
			runs := 50
			if name == "login.http" {
				runs = 2 // bcrypt at cost 10
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < runs; i++ {
					if status, n, err := Run(h); status != want || n != length || err != nil {
						t.Errorf("%s %s: run %d: %d, %d bytes, %v; want %d, %d bytes", tier, name, i, status, n, err, want, length)
						return
					}
				}
			}()
		}
	}
	wg.Wait()
}

// The hostile requests never hang and leave nothing behind: every check ends,
// and the server's goroutines end with their connections (net/http lingers
// up to half a second after a close, so the count is awaited, bounded).
func TestHostileRequestsLeaveNothing(t *testing.T) {
	if _, err := appNamed(Equalised); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	for i := 0; i < 3; i++ {
		for _, r := range corpusRequests(t) {
			if r.Tiers != "server" {
				continue
			}
			if got, err := Check(r.Bytes, Equalised, int64(Server)); err != nil || got.Status < 400 && got.Status != hostile[r.Name].status {
				t.Errorf("%s: %d, %v", r.Name, got.Status, err)
			}
			if h, err := Keep(r.Bytes, Equalised, int64(Server)); err == nil {
				Release(h)
			}
		}
	}
	// Truncated requests: net/http refuses one without a Host at once; it waits for the rest of the
	// other, and the check, keeping its side open as a keep-alive client does (OPS.md), fails
	// naming the request within the read timeout.
	for _, cut := range []string{"GET /json HTTP/1.1\r\nHost: crossbench\r\n", "POST /auth/login HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}"} {
		got, err := Check([]byte(cut), Equalised, int64(Server))
		if timedOut := err != nil && strings.Contains(err.Error(), "no complete answer within"); !timedOut && (err != nil || got.Status < 400) {
			t.Errorf("%q: %d, %v; want a 4xx, or no complete answer within %s", cut, got.Status, err, readTimeout)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines, %d before the hostile requests:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// Keep copies the request: the lane's callers reuse its bytes once the call
// returns (C memory, borrowed for the call).
func TestKeepDoesNotKeepTheCallersBytes(t *testing.T) {
	for _, tier := range Tiers {
		request := bytes.Clone(corpusRequest(t, "json.http"))
		h, err := Keep(request, Equalised, int64(tier))
		if err != nil {
			t.Fatal(err)
		}
		for i := range request {
			request[i] = 'x'
		}
		// Bounded: a server tier that kept the changed bytes would wait for a request line's end.
		done := make(chan string, 1)
		go func() {
			status, n, err := Run(h)
			done <- fmt.Sprintf("%d, %d bytes, %v", status, n, err)
		}()
		select {
		case got := <-done:
			if got != "200, 27 bytes, <nil>" {
				t.Errorf("%s: run after the caller's bytes changed: %s; want 200, 27 bytes", tier, got)
			}
		case <-time.After(readTimeout):
			t.Fatalf("%s: run after the caller's bytes changed: no answer within %s", tier, readTimeout)
		}
		Release(h)
	}
}
