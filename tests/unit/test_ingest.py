import gzip
import os
import pickle

import pytest

from broadsheet.ingest import (
    SUPPORTED, InputPathError, RunContents, check_roots, decode, discover, disk_path, read_document, read_documents, source_file, storable_path,
)
from broadsheet.limits import Limits
from broadsheet.records import ExtractedDocument, FileBatch, Quarantined, RawDocument


def names(items):
    return [os.path.basename(disk_path(i.path)) for i in items]


def test_discover_supported_files_in_stable_order_and_says_why_others_are_ignored(tmp_path):
    for name in ["b.txt", "a.html", "c.htm.gz", "d.txt.gz", "notes.md", "e.HTML"]:
        (tmp_path / name).write_bytes(b"x")
    found = discover([tmp_path])
    assert [(os.path.basename(f.path), f.format, f.gzipped) for f in found.sources] == [
        ("a.html", "html", False),
        ("b.txt", "text", False),
        ("c.htm.gz", "html", True),
        ("d.txt.gz", "text", True),
        ("e.HTML", "html", False),
    ]
    assert [(names([i])[0], i.outcome, i.reason) for i in found.ignored] == [
        ("notes.md", "ignored", f"unsupported extension ({SUPPORTED})")
    ]


def test_missing_path_is_a_user_error(tmp_path):
    with pytest.raises(InputPathError, match="no such file or directory"):
        discover([tmp_path / "nope"])


def test_a_wrong_root_is_a_user_error_found_without_walking_the_folders(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"x")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    for root, reason in [("notes.docx", "not a supported input"), ("gone", "link cannot be followed")]:
        with pytest.raises(InputPathError, match=reason):
            check_roots([tmp_path / root])
        with pytest.raises(InputPathError, match=reason):
            discover([tmp_path / root])
    check_roots([tmp_path])  # a folder is an input whatever it holds: discover sorts that out


def test_links_fifos_and_loops_are_ignored_with_their_reason(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir(), outside.mkdir()
    (outside / "secret.txt").write_text("not yours")
    (inbox / "page.txt").write_text("A page.")
    (inbox / "out.txt").symlink_to(outside / "secret.txt")
    (inbox / "in.txt").symlink_to(inbox / "page.txt")
    (inbox / "loop.txt").symlink_to(inbox / "loop.txt")
    (inbox / "gone.txt").symlink_to(inbox / "missing.txt")
    (inbox / "sub").symlink_to(inbox)
    os.mkfifo(inbox / "pipe.txt")

    found = discover([inbox])
    assert names(found.sources) == ["in.txt", "page.txt"]
    reasons = {names([i])[0]: i.reason for i in found.ignored}
    assert reasons["out.txt"].startswith("link leaves the input roots (to ") and "secret.txt" in reasons["out.txt"]
    assert reasons["loop.txt"] == "symlink loop"
    assert reasons["gone.txt"] == "broken symlink: its target does not exist"
    assert reasons["sub"] == "link to a folder inside the input roots: walked there"
    assert reasons["pipe.txt"] == "a FIFO, not a regular file"
    assert len(found.sources) + len(found.ignored) == 7

    followed = discover([inbox], follow_symlinks=True)
    assert "out.txt" in names(followed.sources)


def test_names_that_are_not_utf8_round_trip(tmp_path):
    raw = os.fsencode(tmp_path) + b"/bad\xff\xfename\\x41.txt"
    with open(raw, "wb") as f:
        f.write(b"A page with an odd name.")
    (source,) = discover([tmp_path]).sources
    assert source.path.endswith("/bad\\xff\\xfename\\\\x41.txt")
    source.path.encode("utf-8")  # storable anywhere
    assert os.fsencode(disk_path(source.path)) == raw
    assert storable_path("/plain/name.txt") == "/plain/name.txt"
    assert read_document(source).text == "A page with an odd name."


def test_decode_falls_back_from_utf8():
    text = "Veröffentlicht am 3. März 2020 — Zürich"
    decoded, encoding = decode(text.encode("cp1252"), "text")
    assert decoded == text
    assert encoding != "utf-8"


def test_read_documents_quarantines_bad_files(tmp_path):
    zipped = tmp_path / "page.html.gz"
    zipped.write_bytes(gzip.compress("<html><p>hé</p></html>".encode("utf-8")))
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 50)

    batch = read_documents(discover([tmp_path]).sources)

    assert names(batch.documents) == ["page.html.gz"]
    doc = batch.documents[0]
    assert isinstance(doc, RawDocument) and doc.text == "<html><p>hé</p></html>" and doc.format == "html"
    reasons = {os.path.basename(q.path): q.reason for q in batch.quarantined}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["broken.txt.gz"].startswith("corrupt gzip")
    assert reasons["blob.txt"].startswith("binary content")
    assert all(isinstance(q, Quarantined) and q.sha256 for q in batch.quarantined)
    assert len(batch.files) == 4


def test_a_read_page_travels_packed_and_unpacks_to_the_same_text():
    text = "<html><p>Zürich \ud800 " + "a line of the page " * 500 + "</p></html>"  # a lone surrogate passes
    doc = RawDocument.of_text("in/a.html", "0" * 64, len(text), "html", "utf-8", text)
    shipped = pickle.dumps(doc)
    back = pickle.loads(shipped)
    assert len(shipped) < len(text) / 10  # the page's text is not pickled beside its packed bytes
    assert back.text == text and back == doc


def test_caps_on_bytes_read_and_bytes_decompressed(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as g:
        for _ in range(64):
            g.write(b"\0" * (1 << 20))  # 64 MiB of zeros, ~64 KB on disk
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300_000)
    limits = Limits(max_file_bytes=1_000_000, max_decompressed_bytes=8 << 20)

    (q_bomb,) = [read_document(source_file(bomb), limits)]
    assert isinstance(q_bomb, Quarantined) and q_bomb.reason.startswith("decompressed_too_large: over max_decompressed_bytes=8388608")
    q_big = read_document(source_file(big), limits)
    assert q_big.reason == "file_too_large: 1500000 bytes > max_file_bytes=1000000"


def test_duplicates_are_sorted_out_across_batches_and_runs(tmp_path):
    for name, body in [("a.txt", "same"), ("b.txt", "same"), ("c.txt", "other"), ("d.txt", "old"), ("e.txt", "")]:
        (tmp_path / name).write_text(body)
    (tmp_path / "f.txt").write_text("")
    sources = discover([tmp_path]).sources
    old_digest = read_document(sources[3]).sha256

    def as_batch(batch):  # what a worker returns: here every readable page is "extracted"
        return FileBatch([ExtractedDocument(d, None) for d in batch.documents], batch.quarantined, batch.files)

    contents = RunContents(known={old_digest}, current={})
    first = contents.sort_out(as_batch(read_documents(sources[:1])))
    second = contents.sort_out(as_batch(read_documents(sources[1:])))
    assert names([a.doc for a in first.articles]) == ["a.txt"] and names([a.doc for a in second.articles]) == ["c.txt"]
    assert names(second.quarantined) == ["e.txt"]  # empty: quarantined once, its copy is a duplicate
    assert [(names([d])[0], d.reason) for d in second.skipped] == [
        ("b.txt", f"same bytes as {sources[0].path} (this run)"),
        ("d.txt", "same bytes as a document of an earlier run"),
        ("f.txt", f"same bytes as {sources[4].path} (this run)"),
    ]
    # a page reverted to an earlier version is not a duplicate: it replaces its path's current version
    reverted = RunContents(known={old_digest}, current={sources[3].path: "f" * 64})
    assert reverted.is_duplicate(sources[3].path, old_digest) is None
