package corpus

import (
	"fmt"
	"path"
	"strings"
)

// ExpectedFile lists the request corpus: one request a line, with the tiers
// it concerns and what every lane answers (lane-abi/OPS.md, "Requests").
const ExpectedFile = "requests/expected.tsv"

// Request is one raw HTTP/1.1 request of corpus/requests/ and its line of
// expected.tsv.
type Request struct {
	// Name is its file's name in requests/, as login.http.
	Name string
	// Tiers it concerns: "all" (every tier), "routed" (the framework and the
	// server) or "server" (HTTP itself is wrong: the server alone sees it).
	Tiers string
	// Expected is the status every lane answers, or "4xx-or-close".
	Expected string
	// Bytes is the raw request.
	Bytes []byte
}

// File is the request's path in the corpus, as SHA256SUMS names it.
func (r Request) File() string {
	return path.Join("requests", r.Name)
}

// ReadRequests reads expected.tsv and every request it lists, each checked
// against SHA256SUMS, in the file's order.
func ReadRequests(dir string) ([]Request, error) {
	files, err := Read(dir, []string{ExpectedFile})
	if err != nil {
		return nil, err
	}
	var requests []Request
	var names []string
	for i, line := range strings.Split(string(files[ExpectedFile]), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s/%s, line %d: %q is not name<TAB>tiers<TAB>expected", dir, ExpectedFile, i+1, line)
		}
		r := Request{Name: fields[0], Tiers: fields[1], Expected: fields[2]}
		requests = append(requests, r)
		names = append(names, r.File())
	}
	bodies, err := Read(dir, names)
	if err != nil {
		return nil, err
	}
	for i := range requests {
		requests[i].Bytes = bodies[requests[i].File()]
	}
	return requests, nil
}
