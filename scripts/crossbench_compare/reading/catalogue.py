"""The catalogue: what each benchmark of a run measures, as the suite's
@Measures annotations describe it (env.json's "catalogue"; results/format-1.json
holds it for older runs, see formats.py). compare names no benchmark itself:
every row's op family, variant, case and library role, which row is the toll,
which is a reference and what each claim is judged on come from here. A
benchmark the catalogue does not list keeps JMH's own naming,
package.Class.method: its class lower-cased as the op, its method as the variant."""

import itertools
from dataclasses import dataclass, field

from .errors import CompareError


@dataclass(frozen=True)
class Family:
    """An op family (json, bcrypt, ...) in report order, with its variants in report order."""
    op: str
    work: bool       # False for the crossing: the toll itself, so no figure net of it
    variants: tuple


@dataclass(frozen=True)
class Benchmark:
    """One benchmark method, as the catalogue describes it."""
    name: str                # JMH's full name, package.Class.method
    cls: str
    method: str
    op: str
    variant: str             # "" when a param names it (variant_param)
    variant_param: str = ""  # the param whose value is a result's variant (a request's "tier"), or ""
    case_param: str = ""     # the param that names its case ("payload", "size", "file"), or ""
    carries_document: bool = False  # its case's JSON document crosses into the runtime (payload_bytes)
    toll: bool = False       # the echo: each lane's crossing toll by size
    reference: str = ""      # the lane name of a lane-less reference call ("jni"), else ""
    optional: bool = False   # runs only when the user gives it inputs (JSON files)
    params: tuple = ()       # its JMH param names, sorted
    scaling_sample: str = None  # params ("k=v k=v", "" for any; "k=a,b" for each of a and b) the default plan
                                # also runs on 2 threads; None: 1 only (sample_cases reads it)
    work: bool = True        # its family does work (not the crossing toll)
    library_param: str = ""  # the catalogue's library param, if this benchmark takes it
    known: bool = True       # False: not in the catalogue, described from its name alone

    @property
    def short_name(self):
        """Class.method, as a newcomer finds it in jmh/."""
        return f"{self.cls}.{self.method}"


@dataclass(frozen=True)
class ClaimStep:
    """What part of a claim is judged on: an op's rows, narrowed to a variant and to
    params ("k=v k=v", params other than lane and library) where given."""
    label: str
    op: str
    variant: str = ""
    params: str = ""


@dataclass(frozen=True)
class Catalogue:
    families: tuple
    library_param: str     # the JMH param that names a JSON op's library role
    roles: tuple           # library roles in report order (usual first)
    benchmarks: tuple      # in report order
    claims: dict = field(default_factory=dict)   # claim number -> tuple of ClaimSteps

    def describe(self, name):
        """The Benchmark of a JMH name: the catalogue's, or one made from the name alone."""
        for b in self.benchmarks:
            if b.name == name:
                return b
        return from_name(name)

    @property
    def ops(self):
        return [f.op for f in self.families]

    def op_rank(self, op):
        return self.ops.index(op) if op in self.ops else len(self.ops)

    def variant_rank(self, op, variant):
        """As its family lists its variants (a request's tiers), unknown ones last."""
        variants = next((f.variants for f in self.families if f.op == op), ())
        return variants.index(variant) if variant in variants else len(variants)

    def bench_rank(self, name):
        """As the catalogue lists it, unknown ones last."""
        names = [b.name for b in self.benchmarks]
        return names.index(name) if name in names else len(names)

    def role_rank(self, role):
        return self.roles.index(role) if role in self.roles else len(self.roles)

    @property
    def toll_ops(self):
        """The families that are the crossing toll, not work."""
        return [f.op for f in self.families if not f.work]


def from_name(name):
    """A benchmark the catalogue does not list, described by JMH's naming (package.Class.method)."""
    cls, _, method = name.rpartition(".")
    cls = cls.rpartition(".")[2]
    return Benchmark(name=name, cls=cls, method=method, op=cls.lower(), variant=method, known=False)


def sample_cases(sample):
    """The cases a scaling sample names, each as params "k=v k=v": a param may list several
    values, comma-separated, and the plan runs each ("endpoint=login,items tier=server" ->
    "endpoint=login tier=server", "endpoint=items tier=server"); "" is one case, any params."""
    choices = [[f"{name}={value}" for value in values.split(",")]
               for name, _, values in (p.partition("=") for p in sample.split())]
    return [" ".join(case) for case in itertools.product(*choices)]


def short_name(catalogue, name):
    """Class.method of a JMH benchmark name."""
    return catalogue.describe(name).short_name


_KINDS = {str: "text", bool: "true or false", list: "a list", dict: "an object"}


def _get(obj, key, kind, where):
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, kind):
        raise CompareError(f"{where}: expected {key!r} as {_KINDS[kind]}, found {value!r}")
    return value


def parse(data, source, scaling_default=None):
    """A Catalogue from its JSON (env.json's "catalogue"); CompareError naming `source` if malformed.
    scaling_default: the scaling sample of a benchmark whose entry has none."""
    where = f"{source} catalogue"
    families = tuple(Family(_get(f, "op", str, where), _get(f, "work", bool, where),
                            tuple(_get(f, "variants", list, where))) for f in _get(data, "families", list, where))
    work = {f.op: f.work for f in families}
    library = _get(data, "library", dict, where)
    library_param = _get(library, "param", str, where)
    benchmarks = []
    for i, b in enumerate(_get(data, "benchmarks", list, where)):
        at = f"{where}, benchmark {i}"
        params = tuple(_get(b, "params", list, at))
        sample = b.get("scaling_sample", scaling_default) if isinstance(b, dict) else None
        if sample is not None and not isinstance(sample, str):
            raise CompareError(f"{at}: expected 'scaling_sample' as text or null, found {sample!r}")
        op = _get(b, "op", str, at)
        # Catalogues written before a benchmark could take its variant from a param have none.
        variant_param = b.get("variant_param", "")
        if not isinstance(variant_param, str):
            raise CompareError(f"{at}: expected 'variant_param' as text, found {variant_param!r}")
        benchmarks.append(Benchmark(
            name=_get(b, "benchmark", str, at), cls=_get(b, "class", str, at), method=_get(b, "method", str, at),
            op=op, variant=_get(b, "variant", str, at), variant_param=variant_param,
            case_param=_get(b, "case_param", str, at),
            carries_document=_get(b, "carries_document", bool, at), toll=_get(b, "toll", bool, at),
            reference=_get(b, "reference", str, at), optional=_get(b, "optional", bool, at), params=params,
            scaling_sample=sample, work=work.get(op, True),
            library_param=library_param if library_param in params else ""))
    claims = {}
    for number, steps in _get(data, "claims", dict, where).items():
        at = f"{where}, claim {number}"
        if not str(number).isdigit() or not isinstance(steps, list):
            raise CompareError(f"{at}: expected a claim number and a list of steps")
        claims[int(number)] = tuple(ClaimStep(_get(s, "label", str, at), _get(s, "op", str, at),
                                              _get(s, "variant", str, at), _get(s, "params", str, at)) for s in steps)
    return Catalogue(families, library_param, tuple(_get(library, "roles", list, where)), tuple(benchmarks), claims)
