"""How Java reaches a lane: the suite's `crossing` param ("none": the Java lane's
plain call; "jni": how the native lanes have always been reached; "ffm", "jna":
other ways in), and env.json's "crossings", which says what each way is and why
this JVM could not use one.

The rule: a result reached the usual way (no crossing param, as in every run
before it existed; "none"; "jni") keeps its lane name, and any other way X makes
a lane of its own, f"{lane}-{X}" ("go-ffm"). The param is then left out of the
row's params. Why: a Go op through FFM is the same case as through JNI, only
reached another way, so as a lane of its own it keys like the Java row of that
case (its ratio to Java), has its own toll curve (net of its own crossing) and
sits beside the other lanes in every table; and JNI rows of new runs key exactly
like the rows of runs made before the param, so two such runs still compare."""

PARAM = "crossing"
PLAIN, NATIVE = "none", "jni"   # the Java lane's own call; the native lanes' usual way in
USUAL = (PLAIN, NATIVE)


def usual(crossing):
    """Whether a result's crossing param (None: runs before it) is a usual way in."""
    return not crossing or crossing in USUAL


def lane_of(lane, crossing):
    """The lane a result is shown as: `lane` when reached the usual way, else f"{lane}-{crossing}"."""
    return lane if usual(crossing) else f"{lane}-{crossing}"


def split_params(lane, params):
    """(the lane a result is shown as, its params without the crossing) from its lane and params ({k: v})."""
    return lane_of(lane, params.get(PARAM)), {k: v for k, v in params.items() if k != PARAM}


def described(env):
    """env.json's "crossings" ({way: {"title", "every_op", "unavailable"}}), in its order; {} before the key."""
    listed = (env or {}).get("crossings")
    return {str(k): v for k, v in listed.items() if isinstance(v, dict)} if isinstance(listed, dict) else {}
