package web

import "testing"

// benchEndpoints are the requests the benchmarks time, by the name the
// harnesses give them: request/<tier>/<endpoint>.
var benchEndpoints = []struct {
	name, request, app string
}{
	{"json", "json.http", Equalised},
	{"login", "login.http", Equalised},
	{"items", "items.http", Equalised},
	{"login-as-written", "login.http", AsWritten},
}

var sink int

// BenchmarkRequest is the suite's request benchmarks without JNI, on the same
// corpus bytes: each endpoint's request kept for a tier once (http_keep),
// then served b.N times (http_run). One endpoint of one tier:
//
//	go test -run '^$' -bench 'Request/server/json$' ./web
func BenchmarkRequest(b *testing.B) {
	for _, tier := range Tiers {
		b.Run(tier.String(), func(b *testing.B) {
			for _, e := range benchEndpoints {
				b.Run(e.name, func(b *testing.B) {
					h := keepBenchRequest(b, tier, e.request, e.app)
					defer Release(h)
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						status, n, err := Run(h)
						if err != nil || status != 200 {
							b.Fatalf("%d, %v", status, err)
						}
						sink += n
					}
				})
			}
		})
	}
}

// keepBenchRequest keeps a benchmark's request, checked to answer 200 first.
func keepBenchRequest(tb testing.TB, tier Tier, request, app string) int64 {
	tb.Helper()
	raw := corpusRequest(tb, request)
	if got, err := Check(raw, app, int64(tier)); err != nil || got.Status != 200 {
		tb.Fatalf("%s %s for %s: %d %q, %v", tier, request, app, got.Status, got.Body, err)
	}
	h, err := Keep(raw, app, int64(tier))
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// Every benchmark's request keeps and runs: the benchmarks' setup, tested.
func TestBenchRequests(t *testing.T) {
	for _, tier := range Tiers {
		for _, e := range benchEndpoints {
			h := keepBenchRequest(t, tier, e.request, e.app)
			if status, n, err := Run(h); status != 200 || n == 0 || err != nil {
				t.Errorf("request/%s/%s: %d, %d bytes, %v", tier, e.name, status, n, err)
			}
			Release(h)
		}
	}
}
