"""Test images made in code, so the tests need no image library and no binary files in git."""

from __future__ import annotations

import struct
import zlib


def drawing_png(width: int = 48, height: int = 32) -> bytes:
    """A small real PNG (a two-colour drawing), made here so the test needs no image library."""
    rows = b"".join(b"\x00" + b"".join(b"\xd0\x30\x30" if (x // 8 + y // 8) % 2 else b"\x20\x40\xc0"
                                       for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
