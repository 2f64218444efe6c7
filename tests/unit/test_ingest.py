import gzip

import pytest

from broadsheet.ingest import InputPathError, decode, discover, read_documents, source_file
from broadsheet.records import Quarantined, RawDocument


def test_discover_supported_files_in_stable_order(tmp_path):
    for name in ["b.txt", "a.html", "c.htm.gz", "d.txt.gz", "notes.md", "e.HTML"]:
        (tmp_path / name).write_bytes(b"x")
    found = discover([tmp_path])
    assert [(f.path.rsplit("/", 1)[1], f.format, f.gzipped) for f in found] == [
        ("a.html", "html", False),
        ("b.txt", "text", False),
        ("c.htm.gz", "html", True),
        ("d.txt.gz", "text", True),
        ("e.HTML", "html", False),
    ]


def test_missing_path_is_a_user_error(tmp_path):
    with pytest.raises(InputPathError, match="no such file or directory"):
        discover([tmp_path / "nope"])


def test_decode_falls_back_from_utf8():
    text = "Veröffentlicht am 3. März 2020 — Zürich"
    decoded, encoding = decode(text.encode("cp1252"), "text")
    assert decoded == text
    assert encoding != "utf-8"


def test_read_documents_skips_known_and_quarantines_bad(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A page.\nWith two lines.", encoding="utf-8")
    zipped = tmp_path / "page.html.gz"
    zipped.write_bytes(gzip.compress("<html><p>hé</p></html>".encode("utf-8")))
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    sources = discover([tmp_path])
    known_digest = read_documents([source_file(good)], set()).documents[0].sha256

    batch = read_documents(sources, {known_digest})

    assert batch.already_known == 1
    assert [d.path.rsplit("/", 1)[1] for d in batch.documents] == ["page.html.gz"]
    doc = batch.documents[0]
    assert isinstance(doc, RawDocument) and doc.text == "<html><p>hé</p></html>" and doc.format == "html"
    reasons = {q.path.rsplit("/", 1)[1]: q.reason for q in batch.quarantined}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["broken.txt.gz"].startswith("corrupt gzip")
    assert reasons["blob.txt"].startswith("binary content")
    assert all(isinstance(q, Quarantined) and q.sha256 for q in batch.quarantined)
