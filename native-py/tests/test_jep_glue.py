"""jep_glue, the Python lane's ops as Jep calls them: inputs arrive as Latin-1
strs (or None), one char per byte, and every byte value survives; a failure
comes back as lane.describe_error's text, not an exception."""

from crossbench_py import jep_glue, lane


def _op(name):
    return jep_glue.calls()[lane.OP_NAMES.index(name)]


def test_one_call_per_op_in_op_names_order():
    assert len(jep_glue.calls()) == len(lane.OP_NAMES)


def test_every_byte_value_crosses_as_latin1_and_comes_back_as_bytes():
    every_byte = bytes(range(256))
    assert _op("echo")(every_byte.decode("latin-1"), None, 0) == every_byte
    assert _op("echo")(None, None, 0) == b""


def test_the_op_gets_bytes_as_through_lane_c():
    assert _op("json_tree")("[1,2,3]", None, 0) == lane.json_tree(b"[1,2,3]", b"", 0) == b"3"


def test_a_failure_comes_back_as_its_description():
    failure = _op("fail")("boom \u00e9".encode("utf-8").decode("latin-1"), None, 0)
    assert isinstance(failure, str)
    assert failure.startswith("RuntimeError: boom \u00e9\nTraceback")
