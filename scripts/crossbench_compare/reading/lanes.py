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
Lane-less reference rows (the catalogue's "reference", the bare calls into C)
are shown beside the lanes under their own title.

A lane reached another way than the usual one (crossings.py: "go-ffm") comes
after the registered lanes, grouped by way in (in env.json's "crossings" order),
titled "Go (FFM)", in its base lane's colour blended toward white, and answers
for its base lane: the same harness, params and JSON libraries (library_name).

compare handles one run at a time (a diff shows the newer run's lanes), so the
run's lanes are set once, by summary.make_rows, and read through the functions
at the bottom; until then (or for rows made by hand in tests) there are none,
and lanes sort by name."""

from dataclasses import dataclass, field

from . import crossings, formats

BASELINE = "java"        # the lane every ratio_vs_java divides by
HEADLINE = ("python", "go")  # the question crossbench exists for: Python's time over Go's
# By the catalogue's reference name: the empty C function through each way in (FFM's is a critical downcall).
_REFERENCE_STYLES = {"jni": ("bare JNI", "#888888"), "ffm": ("bare FFM (critical)", "#b0b0b0"),
                     "jna": ("bare JNA", "#5a5a5a")}
# The params each lane answers for itself, and the key of env.json's lane entry that lists its values.
LANE_PARAMS = {"library": "json_libraries", "tier": "http_tiers", "endpoint": "http_endpoints"}
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
# How far a lane of another way in is blended toward white: the first other way (env.json's
# order) a little, the next more, so a chart tells Go, Go (FFM) and Go (JNA) apart but still as Go.
_WHITENED = (0.35, 0.6, 0.8)


@dataclass(frozen=True)
class Lanes:
    names: tuple = ()                          # in the registry's order, then the lanes of other ways in
    titles: dict = field(default_factory=dict)
    colours: dict = field(default_factory=dict)
    harnesses: dict = field(default_factory=dict)  # native lane -> its runtime's own harness
    references: frozenset = frozenset()        # lane names of lane-less reference rows ("jni")
    answered: dict = field(default_factory=dict)  # lane -> {param: the values it answers}, where env.json lists them
    derived: dict = field(default_factory=dict)   # lane of another way in -> (its base lane, the way): ("go", "ffm")
    ways: dict = field(default_factory=dict)      # env.json's "crossings": way -> what it is, why it is missing

    def ordered(self, names):
        """These lane names: the registered ones in order, then any others by name."""
        names = set(names)
        return [n for n in self.names if n in names] + sorted(names - set(self.names))

    def rank(self, name):
        return self.names.index(name) if name in self.names else len(self.names)

    def title(self, name):
        if name in self.references:
            return _REFERENCE_STYLES.get(name, (name,))[0]
        if name in self.derived:
            base, way = self.derived[name]
            return f"{self.title(base)} ({self.way_title(way)})"
        return self.titles.get(name) or name.capitalize()

    def way_title(self, way):
        """How env.json's crossings name a way in ("FFM", "Jep"); the id in capitals where it does not."""
        return (self.ways.get(way) or {}).get("title") or way.upper()

    def base(self, name):
        """The registered lane a lane of another way in reaches ("go-ffm" -> "go"); else the name itself."""
        return self.derived.get(name, (name,))[0]

    def way(self, name):
        """How Java reaches the lane: its derived way, else the plain call for the baseline, JNI for the rest."""
        if name in self.derived:
            return self.derived[name][1]
        return crossings.PLAIN if name == BASELINE else crossings.NATIVE

    def ordered_ways(self, ways):
        """These ways in as env.json's "crossings" lists them (JNI first where it lists none), others by name."""
        order = list(dict.fromkeys([crossings.NATIVE] + list(self.ways)))
        return sorted(ways, key=lambda w: (order.index(w) if w in order else len(order), w))

    def reaches_every_op(self, name):
        """Whether the lane's way in reaches every op (env.json's every_op); a registered lane always does."""
        return name not in self.derived or bool(self.ways.get(self.way(name), {}).get("every_op"))

    def answers(self, name, params):
        """Whether the lane answers every value of these params ("k=v k=v") that it answers for itself."""
        listed = self.answered.get(name, {})
        return all(value in listed[key] for key, _, value in (p.partition("=") for p in params.split())
                   if key in listed)

    def colour(self, name):
        if name in self.references:
            return _REFERENCE_STYLES.get(name, (name, "#888888"))[1]
        if name in self.derived:
            base, way = self.derived[name]
            others = [w for w in self.ways if w not in crossings.USUAL]
            rank = others.index(way) if way in others else len(others)
            return _whitened(self.colour(base) or "#888888", _WHITENED[min(rank, len(_WHITENED) - 1)])
        if name in self.colours:
            return self.colours[name]
        return _PALETTE[self.rank(name) % len(_PALETTE)] if name in self.names else None


def _whitened(colour, share):
    """'#rrggbb' blended toward white by `share` (0: as is, 1: white)."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in channels)


def of(env, derived=()):
    """The lanes env.json lists, with their titles and colours where it gives them, then the
    lanes of other ways in that the run's rows have (derived: (base lane, way) pairs), grouped
    by way in env.json's "crossings" order, each in the registry's order."""
    listed = (env or {}).get("lanes") or {}
    titles = {n: v["title"] for n, v in listed.items() if isinstance(v, dict) and v.get("title")}
    colours = {n: v["colour"] for n, v in listed.items() if isinstance(v, dict) and v.get("colour")}
    run_format = formats.of(env)
    references = frozenset(b.reference for b in run_format.catalogue.benchmarks if b.reference)
    ways = crossings.described(env)
    registry = list(listed)
    way_order = Lanes(ways=ways).ordered_ways({way for _, way in derived})

    def order(pair):
        base, way = pair
        return way_order.index(way), registry.index(base) if base in registry else len(registry), base
    by_lane = {crossings.lane_of(base, way): (base, way) for base, way in sorted(set(derived), key=order)}
    harnesses, answered = dict(run_format.harnesses), _answered(listed)
    for name, (base, _) in by_lane.items():  # a lane of another way in answers for its base lane
        for inherited in (harnesses, answered):
            if base in inherited:
                inherited[name] = inherited[base]
    return Lanes(tuple(registry) + tuple(by_lane), titles, colours, harnesses, references, answered, by_lane, ways)


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


def use(env, derived=()):
    """Makes env.json's lanes, and the run's lanes of other ways in, the ones the functions below answer for."""
    global _current
    _current = of(env, derived)
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


def base(name):
    return _current.base(name)


def way(name):
    return _current.way(name)


def way_title(way):
    return _current.way_title(way)


def ordered_ways(ways):
    return _current.ordered_ways(ways)


def reaches_every_op(name):
    return _current.reaches_every_op(name)


def ways():
    """env.json's "crossings" of the run: way -> {"title", "every_op", "unavailable"}."""
    return _current.ways
