"""Pages for extraction tests: text cleaned as the pipeline cleans it, and rows marked by hand."""

from dataclasses import dataclass
from datetime import date

from broadsheet.extract.clean import clean
from broadsheet.extract.dates_html import date_from_html
from broadsheet.extract.html import read_html
from broadsheet.extract.page import Page, Unit
from broadsheet.records import DateFinding, LineMark


@dataclass
class Cleaned:
    page: Page

    @property
    def lines(self) -> tuple[LineMark, ...]:
        return self.page.marks()

    @property
    def units(self) -> list[Unit]:
        return self.page.units

    @property
    def body(self) -> str:
        return self.page.body


def clean_text(text: str, template_lines: frozenset[str] = frozenset()) -> Cleaned:
    return Cleaned(clean(Page.from_text(text), template_lines))


def marked(*rows: str) -> Page:
    """Rows prefixed "+" are article body (kept), the others page furniture (removed)."""
    texts = [row[1:] if row.startswith("+") else row for row in rows]
    page = Page.from_text("\n".join(texts))
    for unit in page.units:
        kept = any(rows[i].startswith("+") for i in range(unit.first, unit.last + 1))
        unit.reason = None if kept else "x"
    return page


def lines_page(lines: tuple[LineMark, ...]) -> Page:
    """A page of already marked lines (kept or not)."""
    return marked(*[("+" if m.kept else "") + m.text for m in lines])


def html_date(html: str, today: date | None = None) -> DateFinding:
    today = today or date.today()
    page = read_html(html, today)
    if page.tree is None:
        return DateFinding(None, None, None, note="unparseable HTML")
    return date_from_html(page.tree, page.markup_date, today, html)
