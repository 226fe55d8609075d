"""The claims in words: each claim's title, quote, source, what its numbers can
and cannot say, and the verdict rule, for report.md and claims.json."""

VERDICT_RULE = (
    "each measured ratio (Python's time over Go's) **meets** the claim when its whole 95% interval "
    "is at or above the claimed factor, and **misses** it when its whole interval is below. The "
    "claim **holds** if every ratio it covers meets it; **partly** if some meet and the others miss; "
    "**does not hold** if all miss; **inconclusive** if any interval straddles the factor, or if the "
    "ratios gross and net of the crossing toll lead to different verdicts; **not measurable here** "
    "when the claim is about something these per-op benchmarks cannot measure (or this run lacks "
    "the numbers)."
)

PER_OP_CAVEAT = (
    "Per-op figures are not request rates: there is no HTTP server, no framework, no I/O "
    "and no concurrency model here, only the op itself called in a loop."
)

TITLES = {1: "JSON endpoints 10-20x faster in Go", 2: "CPU-bound work 10-20x faster in Go",
          3: "Auth API 15x faster in Go", 4: "JSON API: a 7.6x throughput gap",
          5: "Go uses 5-10x less memory"}

QUOTES = {
    1: "Our API endpoints that processed JSON data were 10-20x faster in Go than Python equivalents.",
    2: "Performance: 10-20x faster [Go] for CPU-bound work (Python 10-20x slower).",
    3: "An auth API (bcrypt, JWT, JSON): Go is 15x faster.",
    4: "JSON API benchmark: Go 95,000 req/s vs FastAPI 12,500 req/s, a 7.6x throughput gap.",
    5: "Go uses 5-10x less memory than Python.",
}

# Where each quote comes from, as far as the project could check it.
SOURCES = {
    1: {"title": "Why We Chose Go for Our Backend Services", "date": "2016-11-28",
        "url": "https://lawzava.com/blog/2016-11-28-why-we-chose-go-for-backend-services",
        "checked": "the sentence was found word for word in a copy of this post (same title, date "
                   "and path); the original page's wording was not checked"},
    2: {"title": None, "date": None, "url": None,
        "checked": "not found: quoted in crossbench's issue 3 without naming its article"},
    3: {"title": "Python vs Go for Backends: I Built the Same API in Both. Performance Shocked Me.",
        "author": "Devrim Ozcay", "publication": "Level Up Coding", "date": "2026-03-16",
        "url": "https://nexapay.one/news/python-vs-go-for-backends-i-built-the-same-api-in-both-performance-shocked-me",
        "checked": "the article describes this API (JWT, bcrypt, FastAPI vs Go on a 2-vCPU t3.medium); "
                   "the 15x figure itself was not seen"},
    4: {"title": None, "date": None, "url": None,
        "checked": "not found: quoted in crossbench's issue 3 without naming its article"},
    5: {"title": None, "date": None, "url": None,
        "checked": "not found: quoted in crossbench's issue 10 as \"5-10x less memory\" without naming its article; "
                   "the wording of the quote is the issue's, not an original's"},
}

MEMORY_CAVEAT = (
    "Per-op allocation is not resident memory. A service's memory is its runtime or interpreter, "
    "its heap at rest and what it keeps live; bytes allocated per op are garbage that the collector "
    "(or reference counting) reclaims, and they say how hard the memory manager works per op, not "
    "how big the process is. Python's count leaves out Rust and C internals that call malloc "
    "themselves, so it can undercount. Go's count is its heap, not its stacks or runtime. "
    + PER_OP_CAVEAT)

# What each claim's numbers can and cannot say (claim 5: MEMORY_CAVEAT); a claim this
# run could not measure at all gets PER_OP_CAVEAT alone.
MEANINGS = {
    1: (
        "These are the JSON steps alone (parsing into a generic tree or typed records and, "
        "where the run has it, writing records out), the part of an endpoint that the claim "
        "names. An endpoint also routes, talks to a database and does I/O; those costs are "
        "not measured here. Costs both languages share "
        "dilute a parsing gap; only slower code elsewhere in the Python endpoint could "
        "widen it. " + PER_OP_CAVEAT),
    2: (
        "Each lane uses its usual library, and several Python libraries do their work in "
        "compiled code (json's C accelerator, pydantic-core in Rust, pyca bcrypt in Rust), "
        "so this compares what a Python service really runs, not pure-Python loops. "
        "The claim's 10-20x fits interpreted Python code; it does not carry over to work "
        "that Python hands to native libraries. " + PER_OP_CAVEAT),
    3: (
        "A login is dominated by bcrypt, which is deliberately slow and which all three "
        "lanes run in native code; JSON and JWT are a rounding error beside it. So the "
        "composite ratio is close to the bcrypt ratio whatever the JSON and JWT gaps are. "
        "The sum leaves out the server, the database lookup of the user and the network. " + PER_OP_CAVEAT),
    4: (
        "Requests per second are not measurable here: a request also pays for HTTP "
        "parsing, routing, the framework, response encoding, the event loop and the "
        "kernel, and the claim's numbers depend on how many cores and worker processes "
        "served them. What the per-op ratio does bound is the parsing part only. Each "
        "lane's ops/s is an upper bound on the request rate one thread could reach if "
        "parsing were all it did. If every other per-request cost were equal in both "
        "servers, the request-rate gap would be smaller than the parsing gap, so the "
        "parsing ratio is then an upper bound on the gap; a gap larger than the parsing "
        "ratio must come from the rest of the stack (framework and server overhead), not "
        "from JSON. The last column shows how much of the claimed per-request time "
        "(1/95,000 s for Go, 1/12,500 s for FastAPI, as if on one core) parsing "
        "would take; over 100% means parsing alone takes longer than the claimed time per "
        "request, so the claimed rate needs several cores or a smaller body. " + PER_OP_CAVEAT),
    5: MEMORY_CAVEAT,
}

# Claims 3 and 4 where the run timed requests (Requests): what the request rows can and
# cannot say, in place of MEANINGS' per-op words.
MEANINGS_ON_REQUESTS = {
    3: (
        "The login request runs through each tier of each lane's stack, from the endpoint's work alone "
        "to raw HTTP bytes through the server, in one process. At cost 10 in every lane, bcrypt, which all "
        "three lanes run in native code, takes nearly all of a login, so the framework and server layers "
        "move the ratio little and it stays close to the bcrypt ratio. As the articles wrote it, Python's "
        "store holds a cost-12 hash (pyca's default: 4x the bcrypt work of cost 10) and its async endpoint "
        "verifies on the event loop, which one request at a time does not show and two in flight do "
        "(Requests, on 2 threads): the as-written ratio measures the defaults more than the language. "
        "Left out: the kernel and the network, TLS, a database lookup of the user (the store is an "
        "in-memory map), and several worker processes."),
    4: (
        "The ceiling is the CPU one request costs through the whole stack on one core, one request at a "
        "time, over an in-memory connection. A real server also pays for the kernel and the network "
        "(sockets, system calls, TLS), runs on several cores with several workers, and usually waits on "
        "a database. Those costs are the same whichever stack serves the request, and a cost both pay "
        "adds the same time to each: it dilutes the CPU ratio towards 1, so the gap between two real "
        "servers is smaller than the gap between their ceilings, not larger. Only work one stack does and "
        "the other does not (more processes fighting for the cores, a blocked event loop) could widen it. "
        "The claim's 95,000 and 12,500 req/s are rates of whole machines, so this run compares their "
        "ratio, not the rates themselves."),
}
