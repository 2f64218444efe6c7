"""`broadsheet explain`: why a page is rejected, if it is; the page with every line marked kept
or removed and why; then the date candidates, rejected ones with their reason, and why the
chosen one won."""

from __future__ import annotations

from broadsheet.extract import extract_document
from broadsheet.extract.outlet import OutletRegistry
from broadsheet.records import RawDocument


def explain(doc: RawDocument, registry: OutletRegistry | None = None, width: int = 100) -> str:
    e = extract_document(doc, registry)
    out = [f"# {doc.path} ({doc.format}, {doc.encoding}, {doc.size} bytes)", ""]
    if e.rejected:
        out += [f"REJECTED, not published: {e.rejected}", ""]
    for mark in e.lines:
        text = mark.text.rstrip()
        text = text if len(text) <= width else text[: width - 1] + "…"
        status = "KEEP" if mark.kept else f"drop {mark.reason}"
        out.append(f"{mark.number:4d} {status:<22} | {text}")
    out += ["", "## fields"]
    for name in ("title", "outlet", "dateline", "wire", "language"):
        out.append(f"  {name:<10} {getattr(e, name)!r}")
    out.append(f"  words      {e.word_count}")
    out += ["", "## publication day"]
    finding = e.date_finding
    if finding is None:
        out.append("  (no date search)")
    else:
        chosen = finding.published.isoformat() if finding.published else "none"
        out.append(f"  chosen: {chosen} [{finding.kind or '-'}] {finding.evidence or ''}".rstrip())
        if finding.note:
            out.append(f"  why:    {finding.note}")
        for c in sorted(finding.candidates, key=lambda c: -c.score):
            verdict = f"rejected: {c.rejected}" if c.rejected else f"score {c.score:.2f}"
            out.append(f"  - {c.day.isoformat()} [{c.kind}] {verdict} | {c.evidence[:80]}")
    return "\n".join(out)
