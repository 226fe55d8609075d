"""The compare package's layers import downwards only (reading <- rows -> stats;
presentation and the command line on top), measuring code stays out of it, and
it names no benchmark: what a benchmark measures comes from the catalogue."""

import ast
import glob
import json
import os
import re

import pytest

from conftest import HERE

SCRIPTS = os.path.dirname(HERE)
REPO = os.path.dirname(SCRIPTS)
COMPARE = os.path.join(SCRIPTS, "crossbench_compare")
MEASURE = os.path.join(SCRIPTS, "crossbench_measure")

# layer -> the layers it may import ("cli": crossbench_compare's __init__ and __main__)
ALLOWED = {
    "reading": {"reading"},
    "stats": {"stats"},
    "rows": {"reading", "stats", "rows"},
    "present": {"reading", "stats", "rows", "present"},
    "cli": {"reading", "stats", "rows", "present", "cli"},
}


def module_name(path):
    rel = os.path.relpath(path, SCRIPTS)[:-len(".py")].split(os.sep)
    return ".".join(rel[:-1] if rel[-1] == "__init__" else rel), rel[-1] == "__init__"


def imports(path, name=None):
    """The absolute names of the modules a file imports (relative imports resolved), the
    file being the module `name` (by default, as its path under scripts/ says)."""
    is_package = os.path.basename(path) == "__init__.py"
    name = name or module_name(path)[0]
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read(), path)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            found.append(target)
            found += [f"{target}.{a.name}" for a in node.names]  # from . import fmt
    return found


def layer(module):
    """The compare layer of a module name, "cli" for the package's own top, None outside it."""
    parts = module.split(".")
    if parts[0] != "crossbench_compare":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else "cli"


def sources(root):
    return sorted(glob.glob(os.path.join(root, "**", "*.py"), recursive=True))


def test_every_compare_module_is_in_a_layer():
    top = {os.path.basename(p) for p in glob.glob(os.path.join(COMPARE, "*.py"))}
    assert top == {"__init__.py", "__main__.py"}, "a new module belongs in reading/, stats/, rows/ or present/"


@pytest.mark.parametrize("path", sources(COMPARE), ids=lambda p: os.path.relpath(p, COMPARE))
def test_compare_imports_only_downwards(path):
    own = layer(module_name(path)[0])
    for target in imports(path):
        assert not target.startswith("crossbench_measure"), f"{path} imports {target}: compare never runs harnesses"
        other = layer(target)
        if other is not None:
            assert other in ALLOWED[own], f"{path} ({own}) imports {target} ({other})"


@pytest.mark.parametrize("path", sources(MEASURE), ids=lambda p: os.path.relpath(p, MEASURE))
def test_measure_uses_only_compares_reading_rows_and_stats(path):
    for target in imports(path):
        if layer(target) is not None:
            assert layer(target) in ("reading", "rows", "stats"), f"{path} imports {target}"


def test_the_import_finder_sees_a_wrong_import(tmp_path):
    # The checks above must be able to fail: a reading module importing rows is caught.
    bad = tmp_path / "bad.py"
    bad.write_text("from ..rows.make import make_rows\nfrom . import lanes\n", encoding="utf-8")
    found = imports(str(bad), "crossbench_compare.reading.bad")
    assert "crossbench_compare.rows.make" in found and "crossbench_compare.reading.lanes" in found
    assert layer("crossbench_compare.rows.make") not in ALLOWED["reading"]


# --- no benchmark names -------------------------------------------------------------

def catalogue_benchmarks():
    """(full name, class, method) of every benchmark: results/format-1.json's and, for the
    current catalogue, the @Benchmark methods of the Java sources (the catalogue is made
    from them; the jar that prints it is not built when these tests run)."""
    with open(os.path.join(REPO, "results", "format-1.json"), encoding="utf-8") as f:
        found = {(b["benchmark"], b["class"], b["method"]) for b in json.load(f)["catalogue"]["benchmarks"]}
    for path in glob.glob(os.path.join(REPO, "jmh", "src", "main", "java", "dev", "crossbench", "bench", "*.java")):
        text = open(path, encoding="utf-8").read()
        cls = os.path.basename(path)[:-len(".java")]
        for method in re.findall(r"@Benchmark\b.*?\bpublic\s+[\w<>\[\], ?]+?\s+(\w+)\s*\(", text, re.S):
            found.add((f"dev.crossbench.bench.{cls}.{method}", cls, method))
    return found


def names_in(text, benchmarks):
    """The benchmark names a text contains: full names, Class.method, and class names written
    as code: quoted or in backticks, or followed by a member (`Crossing`, "Crossing",
    Crossing.x). A class named like a plain word (Requests) is no hit in a sentence."""
    hits = set()
    for full, cls, method in benchmarks:
        for name in (full, f"{cls}.{method}"):
            if name in text:
                hits.add(name)
        if re.search(rf"([`'\"]){re.escape(cls)}\1|\b{re.escape(cls)}\.\w", text):
            hits.add(cls)
    return hits


def test_the_name_finder_sees_every_kind_of_name():
    benchmarks = catalogue_benchmarks()
    assert ("dev.crossbench.bench.JsonParse.tree", "JsonParse", "tree") in benchmarks
    assert ("dev.crossbench.bench.Crossing.jni", "Crossing", "jni") in benchmarks
    assert names_in('KNOWN = {"dev.crossbench.bench.JsonParse.bind": 1}', benchmarks) >= {
        "dev.crossbench.bench.JsonParse.bind", "JsonParse.bind", "JsonParse"}
    assert names_in("# the `Crossing` figures", benchmarks) == {"Crossing"}
    assert names_in("if spec.cls == 'Crossing' or cls == \"Bcrypt\": Jwt.x", benchmarks) == {
        "Crossing", "Bcrypt", "Jwt"}
    assert names_in("the crossing toll; bcrypt verify; jwt sign", benchmarks) == set()
    # A class named like a word (the request benchmarks' class) is no hit in prose.
    assert names_in('"Requests per second are not measurable here", "## Requests"', benchmarks) == set()
    assert names_in('KNOWN = ["Requests"]', benchmarks) == {"Requests"}


def test_compare_names_no_benchmark():
    benchmarks = catalogue_benchmarks()
    for path in sorted(glob.glob(os.path.join(COMPARE, "**", "*"), recursive=True)):
        if os.path.isfile(path) and not path.endswith(".pyc"):
            hits = names_in(open(path, encoding="utf-8").read(), benchmarks)
            assert not hits, f"{os.path.relpath(path, REPO)} names {sorted(hits)}: read them from the catalogue"
