"""A summary row: one benchmark, its non-lane params, one lane, one thread count;
and the "k=v k=v" params text rows are keyed by."""

import math
from dataclasses import dataclass, field

import numpy as np

from ..reading.catalogue import Benchmark, from_name
from ..reading.forks_csv import MINIMUM
from ..stats import bootstrap, spread


def params_dict(params):
    """"k=v k=v" -> {k: v}."""
    return dict(p.split("=", 1) for p in params.split() if "=" in p)


def without_param(params, name):
    """"k=v k=v" without the param `name` (no change when name is "")."""
    return " ".join(p for p in params.split() if not name or not p.startswith(name + "="))


def variant_of(spec, params):
    """The variant of a result of `spec` with these params ({k: v}): the catalogue's, or the
    value of the param it names instead (a request's tier)."""
    return params.get(spec.variant_param, "") if spec.variant_param else spec.variant


def case_value(spec, params):
    """The value of the benchmark's case param ({k: v}): the payload, the echo size; "" without one."""
    return params.get(spec.case_param, "") if spec.case_param else ""


def document_bytes(spec, payload, sizes):
    """The size of the JSON document a case of `spec` carries (env.json's payload_bytes), or None."""
    size = sizes.get(payload) if spec.carries_document else None
    return int(size) if isinstance(size, (int, float)) else None


def library_role(spec, params, defaults):
    """The library role of a result of `spec` with these params ({k: v}): its library
    param, else the value the run's format says a result without it ran with; "" for a
    benchmark that takes no library."""
    if not spec.library_param:
        return ""
    return params.get(spec.library_param) or defaults.get(spec.library_param, "")


def matches(item, step):
    """Whether a row (or memory Entry) is one of a step's (a catalogue ClaimStep): its op, and
    its variant and params where the step gives them (the library role aside: steps name none)."""
    return (item.op == step.op and (not step.variant or item.variant == step.variant)
            and set(step.params.split()) <= set(item.case_params.split()))


@dataclass
class Row:
    benchmark: str
    op: str
    variant: str
    payload: str
    params: str      # JMH params other than lane, "k=v k=v", sorted: part of the row's identity
    lane: str
    threads: int
    score: float     # JMH's score as ns per op per thread (the mean throughput, or avgt's mean)
    error: float     # JMH's 99.9% confidence half-width, ns/op
    unit: str = "ns/op"
    forks_raw: list = field(default_factory=list, repr=False)  # iterations of each fork, ns/op
    secondary: dict = field(default_factory=dict)              # "name (unit)" -> JMH score
    estimate: bootstrap.Estimate = field(default=None, repr=False)
    stability: spread.Stability = field(default=None, repr=False)
    ratio: bootstrap.Ratio = field(default=None, repr=False)   # vs the Java lane, same case
    net: np.ndarray = field(default=None, repr=False)          # resampled net-of-crossing times
    payload_bytes: int = None
    mb_per_s: float = None
    net_of_crossing: float = None
    other_load: float = None  # cores other processes used while this benchmark ran
    unstable: list = field(default_factory=list)               # reasons, in words
    library: str = ""         # the library's real name (env.json json_libraries); JSON rows only
    bytes_per_op: float = None  # from memory.csv: what the lane's runtime allocated per op
    role: str = ""            # the library role (usual, fast) of a JSON row; "" for other ops
    spec: Benchmark = field(default=None, repr=False)  # what the catalogue says the benchmark measures
    fork_log: list = field(default=None, repr=False)  # forks.csv: each fork's round and why it ran; None without


    def __post_init__(self):
        if self.spec is None:
            self.spec = from_name(self.benchmark)

    @property
    def library_tag(self):
        """The role, where the run measured this case with more than one library; else ""."""
        param = self.spec.library_param
        return self.role if param and f"{param}=" in self.params else ""

    @property
    def case_params(self):
        """The params without the library role: what a case is, whichever library ran it."""
        return without_param(self.params, self.spec.library_param)

    @property
    def case(self):
        """What distinguishes rows of one variant: the payload, else the other params."""
        return self.payload or self.params

    @property
    def key(self):
        """Identity across lanes: same benchmark, same non-lane params, same threads."""
        return (self.benchmark, self.params, self.threads)

    @property
    def name(self):
        """A short benchstat-style name: op/variant/case/library role/lane/threads."""
        parts = [self.op, self.variant, self.case, self.library_tag, self.lane, f"{self.threads}t"]
        return "/".join(p for p in parts if p)

    @property
    def median(self):
        return self.estimate.median if self.estimate else self.score

    @property
    def ci(self):
        return (self.estimate.ci_low, self.estimate.ci_high) if self.estimate else (math.nan, math.nan)

    @property
    def replicates(self):
        return self.estimate.replicates if self.estimate else np.full(bootstrap.RESAMPLES, self.score)

    def placed_forks(self):
        """[(forks.csv's Fork, that fork's median)] of the forks with iterations; [] without
        forks.csv, or when it and jmh-result.json disagree on the row's forks (then no fork is
        placed in time: nothing is paired or charted)."""
        if not self.fork_log or len(self.fork_log) != len(self.forks_raw):
            return []
        return [(f, float(np.median(values))) for f, values in zip(self.fork_log, self.forks_raw) if len(values)]

    def slot_medians(self):
        """{(round, block): fork median} of the forks forks.csv places."""
        return {(f.round, f.block): median for f, median in self.placed_forks()}

    @property
    def extra_forks_reason(self):
        """Why the row got forks beyond the rounds' minimum ("wide interval", "forks disagree", both
        in the order they came up); "" when it got none, or its run has no forks.csv."""
        reasons = [f.reason for f in sorted(self.fork_log or [], key=lambda f: f.round) if f.reason != MINIMUM]
        return ", ".join(dict.fromkeys(reasons))

    @property
    def ratio_vs_java(self):
        return self.ratio.value if self.ratio else None
