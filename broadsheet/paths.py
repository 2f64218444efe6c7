"""File names as stored: any name the OS gives, as text any database keeps, losslessly.

A name that is not valid UTF-8 (os.fsdecode turns its undecodable bytes into surrogates)
cannot be stored as text; it is escaped instead, and `disk_path` turns it back exactly.
"""

from __future__ import annotations


def storable_path(path: str) -> str:
    """The path as text that any database stores. A name that is not valid UTF-8 (os.fsdecode
    turned its bytes into surrogates) is escaped: `\\` -> `\\\\`, each undecodable byte -> `\\xHH`.
    Valid names without a backslash are unchanged; `disk_path` inverts it exactly."""
    if "\\" not in path and not any("\udc80" <= ch <= "\udcff" for ch in path):
        return path
    out = []
    for ch in path:
        if ch == "\\":
            out.append("\\\\")
        elif "\udc80" <= ch <= "\udcff":
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch)
    return "".join(out)


def disk_path(stored: str) -> str:
    """The OS path behind a `storable_path`."""
    if "\\" not in stored:
        return stored
    out, i = [], 0
    while i < len(stored):
        if stored[i] == "\\" and stored[i + 1 : i + 2] == "\\":
            out.append("\\")
            i += 2
        elif stored[i] == "\\" and stored[i + 1 : i + 2] == "x":
            out.append(chr(0xDC00 + int(stored[i + 2 : i + 4], 16)))
            i += 4
        else:
            out.append(stored[i])
            i += 1
    return "".join(out)
