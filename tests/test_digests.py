"""model/digests.py gives the standard digests (FIPS 180-2 test vectors), as hashlib would."""

from __future__ import annotations

from model.digests import sha1_hex, sha256_hex


def test_sha256_of_the_standard_test_vectors():
    assert sha256_hex(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_sha1_of_the_standard_test_vector():
    assert sha1_hex(b"abc") == "a9993e364706816aba3e25717850c26c9cd0d89d"
