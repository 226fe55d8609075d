"""claims.json: every claim with its quote, source, the ratios it rests on and its verdict."""

import json

from ..rows.claims import CLAIMED
from .claim_texts import QUOTES, SOURCES, TITLES, VERDICT_RULE
from .claims_md import meaning


def _ratio_json(ratio):
    if ratio is None:
        return None
    return {"value": round(ratio.value, 4), "ci_low": round(ratio.ci_low, 4), "ci_high": round(ratio.ci_high, 4)}


def _evidence_json(e):
    out = {"what": e.what, "python_over_go": _ratio_json(e.gross), "net_of_crossing": _ratio_json(e.net)}
    if e.verdict:  # a request ratio judged on its own (claim 3's tiers, claim 4's ceilings)
        out["verdict"] = e.verdict
    return out


def claims_json(claims, run_name):
    out = {"run": run_name,
           "ratio": "Python's time per op / Go's time per op (for claim 4: Go's throughput / Python's), "
                    "the median of fork medians with a 95% t interval over the forks; for claim 5 Python's bytes "
                    "allocated per op / Go's, a point count (its interval is the point itself)",
           "fastest_library": "verdict_fastest_library: the claim again with each lane's fastest "
                              "library per op (fewest bytes for claim 5), given only where it "
                              "changes the verdict",
           "verdict_rule": VERDICT_RULE.replace("**", ""),
           "claims": []}
    for c in claims:
        factor, upper = CLAIMED[c.number]
        out["claims"].append({
            "number": c.number, "title": TITLES[c.number], "quote": QUOTES[c.number], "source": SOURCES[c.number],
            "claimed": {"factor": factor, "range_upper": upper},
            "verdict": c.verdict, "verdict_gross": c.verdict_gross, "verdict_net": c.verdict_net,
            "ratios": [_evidence_json(e) for e in c.evidence],
            "overall": _evidence_json(c.overall) if c.overall else None,
            "verdict_fastest_library": c.fastest.verdict if c.fastest else None,
            "ratios_fastest_library": [_evidence_json(e) for e in c.fastest.evidence] if c.fastest else None,
            "meaning": meaning(c),
        })
        if c.context:  # shown beside the verdict, not judged: claim 4's parse where requests were timed
            out["claims"][-1]["context"] = [_evidence_json(e) for e in c.context]
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
