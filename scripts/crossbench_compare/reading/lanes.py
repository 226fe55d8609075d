"""The lanes of a run and how to show them, read from its env.json: the order of
jmh's LaneRegistry (which env.json's "lanes" keeps), each lane's title, chart
colour and its runtime's own harness, and the JSON library it runs in each
role. compare keeps no lane list of its own: a lane added to the registry
shows up here with no change.

A lane answers some params for itself (as the suite's LaneParam says): the JSON
library roles it lists in json_libraries, the tiers of its web stack in
http_tiers, the endpoints it times in http_endpoints (an as-written endpoint
only where its code differs from the equalised twin's). A lane that lacks a
value (Go has no server-caller tier) is not missing its results; a lane that
lists none (runs from before the key) is expected to answer every value.

A lane without a title or colour (format 1 may lack them; formats.py) gets its
name capitalised and a stock palette colour, in env.json's order all the same.
Lane-less reference rows (the catalogue's "reference", the bare JNI call) are
shown beside the lanes under their own title.

compare handles one run at a time (a diff shows the newer run's lanes), so the
run's lanes are set once, by summary.make_rows, and read through the functions
at the bottom; until then (or for rows made by hand in tests) there are none,
and lanes sort by name."""

from dataclasses import dataclass, field

from . import formats

BASELINE = "java"        # the lane every ratio_vs_java divides by
HEADLINE = ("python", "go")  # the question crossbench exists for: Python's time over Go's
_REFERENCE_STYLES = {"jni": ("bare JNI", "#888888")}  # by the catalogue's reference name
# The params each lane answers for itself, and the key of env.json's lane entry that lists its values.
LANE_PARAMS = {"library": "json_libraries", "tier": "http_tiers", "endpoint": "http_endpoints"}
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


@dataclass(frozen=True)
class Lanes:
    names: tuple = ()                          # in the registry's order
    titles: dict = field(default_factory=dict)
    colours: dict = field(default_factory=dict)
    harnesses: dict = field(default_factory=dict)  # native lane -> its runtime's own harness
    references: frozenset = frozenset()        # lane names of lane-less reference rows ("jni")
    answered: dict = field(default_factory=dict)  # lane -> {param: the values it answers}, where env.json lists them

    def ordered(self, names):
        """These lane names: the registered ones in order, then any others by name."""
        names = set(names)
        return [n for n in self.names if n in names] + sorted(names - set(self.names))

    def rank(self, name):
        return self.names.index(name) if name in self.names else len(self.names)

    def title(self, name):
        if name in self.references:
            return _REFERENCE_STYLES.get(name, (name,))[0]
        return self.titles.get(name) or name.capitalize()

    def answers(self, name, params):
        """Whether the lane answers every value of these params ("k=v k=v") that it answers for itself."""
        listed = self.answered.get(name, {})
        return all(value in listed[key] for key, _, value in (p.partition("=") for p in params.split())
                   if key in listed)

    def colour(self, name):
        if name in self.references:
            return _REFERENCE_STYLES.get(name, (name, "#888888"))[1]
        if name in self.colours:
            return self.colours[name]
        return _PALETTE[self.rank(name) % len(_PALETTE)] if name in self.names else None


def of(env):
    """The lanes env.json lists, with their titles and colours where it gives them."""
    listed = (env or {}).get("lanes") or {}
    titles = {n: v["title"] for n, v in listed.items() if isinstance(v, dict) and v.get("title")}
    colours = {n: v["colour"] for n, v in listed.items() if isinstance(v, dict) and v.get("colour")}
    run_format = formats.of(env)
    references = frozenset(b.reference for b in run_format.catalogue.benchmarks if b.reference)
    return Lanes(tuple(listed), titles, colours, run_format.harnesses, references, _answered(listed))


def _answered(listed):
    """lane -> {param: set of values} for the LANE_PARAMS env.json lists for it (json_libraries
    is an object of roles, http_tiers and http_endpoints lists: either way, its values are what it holds)."""
    out = {}
    for name, lane in listed.items():
        for param, key in LANE_PARAMS.items():
            values = lane.get(key) if isinstance(lane, dict) else None
            if isinstance(values, (dict, list)):
                out.setdefault(name, {})[param] = {str(v) for v in values}
    return out


def library_name(env, lane, role, kind):
    """The JSON library env.json names for this lane, role and op kind (tree, bind, write), or ""."""
    listed = ((env or {}).get("lanes") or {}).get(lane)
    roles = listed.get("json_libraries") if isinstance(listed, dict) else None
    kinds = roles.get(role) if isinstance(roles, dict) else None
    name = kinds.get(kind) if isinstance(kinds, dict) else None
    return name if isinstance(name, str) else ""


_current = Lanes()


def use(env):
    """Makes env.json's lanes the ones the functions below answer for."""
    global _current
    _current = of(env)
    return _current


def ordered(names):
    return _current.ordered(names)


def rank(name):
    return _current.rank(name)


def title(name):
    return _current.title(name)


def colour(name):
    return _current.colour(name)


def is_reference(name):
    return name in _current.references


def answers(name, params):
    return _current.answers(name, params)


def harness(name):
    """The lane's own harness (go-test, pyperf), or None for a lane without one (Java)."""
    return _current.harnesses.get(name)
