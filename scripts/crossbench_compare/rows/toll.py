"""The crossing toll: each lane's echo times by size (the catalogue's toll
benchmark) as a curve, and every op's time net of the toll for the bytes it
carries into the runtime. A lane reached another way in ("go-ffm",
reading/crossings.py) is a lane of its own: its ops are net of its own toll."""

from ..reading.errors import CompareError


def echo_curves(rows):
    """(lane, threads) -> [(size, row), ...] from the toll benchmark, sorted by size."""
    curves = {}
    for row in rows:
        if row.spec.toll and row.payload.isdigit():
            curves.setdefault((row.lane, row.threads), []).append((int(row.payload), row))
    return {k: sorted(v, key=lambda sr: sr[0]) for k, v in curves.items()}


def crossing_weights(sizes, size):
    """Weights over the measured sizes whose sum with the echo times is the toll at
    `size` bytes: linear between measured sizes; beyond the largest, the last
    segment's slope carries on (copying grows with bytes); below the smallest, the
    smallest size's time. Linear in the times, so it applies to resampled times too."""
    repeated = sorted({s for s in sizes if sizes.count(s) > 1})
    if repeated:
        raise CompareError(f"two echo rows of one toll curve share a size ({', '.join(map(str, repeated))} bytes; "
                           f"sizes {list(sizes)}): each lane, way in and thread count should have one echo per size")
    weights = [0.0] * len(sizes)
    if len(sizes) == 1 or size <= sizes[0]:
        weights[0] = 1.0
        return weights
    for i in range(1, len(sizes)):
        if size <= sizes[i] or i == len(sizes) - 1:
            t = (size - sizes[i - 1]) / (sizes[i] - sizes[i - 1])
            weights[i - 1], weights[i] = 1 - t, t
            return weights
    return weights


def crossing_cost(curve, size):
    """The echo time at `size` bytes from [(size, ns/op), ...] sorted by size (see crossing_weights)."""
    if not curve:
        return None
    weights = crossing_weights([s for s, _ in curve], size)
    return float(sum(w * t for w, (_, t) in zip(weights, curve)))


def input_size(row):
    """Bytes an op carries across the boundary, for the crossing-cost estimate: its JSON
    document's, else none; None for the toll's own rows and benchmarks the catalogue lacks."""
    if row.spec.carries_document:
        return row.payload_bytes
    if row.spec.known and row.spec.work:
        return 0
    return None


def add_net_of_crossing(rows):
    curves = echo_curves(rows)
    for row in rows:
        size = input_size(row)
        curve = curves.get((row.lane, row.threads))
        if size is None or not curve:
            continue
        weights = crossing_weights([s for s, _ in curve], size)
        row.net_of_crossing = row.median - sum(w * echo.median for w, (_, echo) in zip(weights, curve))
        row.net = row.replicates - sum(w * echo.replicates for w, (_, echo) in zip(weights, curve))
