"""bcrypt ops: round trip and the input checks every lane shares (cost 4..20, 1..72 bytes)."""

import pytest

from crossbench_py import ops


def test_round_trip():
    hashed = ops.bcrypt_hash(b"correct horse", 4)
    assert hashed.startswith(b"$2b$04$")
    assert len(hashed) == 60
    assert ops.bcrypt_verify(b"correct horse", hashed) is True


def test_fresh_salt_each_time():
    assert ops.bcrypt_hash(b"pw", 4) != ops.bcrypt_hash(b"pw", 4)


def test_wrong_password_is_false():
    hashed = ops.bcrypt_hash(b"correct horse", 4)
    assert ops.bcrypt_verify(b"battery staple", hashed) is False


def test_verifies_2a_hash():
    hashed = ops.bcrypt_hash(b"pw", 4).replace(b"$2b$", b"$2a$", 1)
    assert ops.bcrypt_verify(b"pw", hashed) is True


@pytest.mark.parametrize("cost", [3, 21, 31, 32, 0, -1])
def test_cost_outside_range_rejected(cost):
    with pytest.raises(ValueError, match=f"bcrypt cost {cost} is outside 4..20"):
        ops.bcrypt_hash(b"pw", cost)


def test_73_byte_password_rejected_in_hash_and_verify():
    hashed = ops.bcrypt_hash(b"x" * 72, 4)
    with pytest.raises(ValueError, match="73 bytes, outside 1..72"):
        ops.bcrypt_hash(b"x" * 73, 4)
    with pytest.raises(ValueError, match="73 bytes, outside 1..72"):
        ops.bcrypt_verify(b"x" * 73, hashed)


def test_empty_password_rejected():
    with pytest.raises(ValueError, match="0 bytes"):
        ops.bcrypt_hash(b"", 4)


@pytest.mark.parametrize("bad", [b"", b"not a hash", b"$2b$04$tooshort", b"$9z$04$" + b"a" * 53])
def test_malformed_hash_raises(bad):
    with pytest.raises(ValueError, match="bcrypt hash is malformed"):
        ops.bcrypt_verify(b"pw", bad)
