"""SHA-256 and SHA-1 digests without importing hashlib.

hashlib loads OpenSSL when imported (about 7 ms here); the window's start stamps the draft it
opens (model/safe_files) and names its temp files after the host (model/atomic_file).  CPython
ships its own SHA modules, which give the same digests; hashlib is the fallback where they are
missing (another interpreter).
"""

from __future__ import annotations


def sha256_hex(data: bytes) -> str:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256
    return sha256(data).hexdigest()


def sha1_hex(data: bytes) -> str:
    try:
        from _sha1 import sha1  # CPython
    except ImportError:
        from hashlib import sha1
    return sha1(data).hexdigest()
