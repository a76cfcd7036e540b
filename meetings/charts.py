"""Charts drawn on the server: the geometry of an SVG bar chart, and the figures for the
table beside it. templates/includes/chart.html draws them; no script, no library.

A chart is an image with a <title> and a <desc> that says what it shows in words; the table
holds every figure, for screen readers and for anyone who wants the numbers.
"""

from dataclasses import dataclass, field

WIDTH = 640
ROW = 26  # height of a bar in a ranking
LABEL = 220  # room for a ranking's labels
COLUMN_AREA = 180  # height of the columns of a chart by year


@dataclass
class Bar:
    label: str
    value: float
    shown: str  # the value as the table and the chart print it
    href: str = ""
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    text_x: float = 0
    text_y: float = 0
    show_label: bool = True
    show_value: bool = False
    records: str = ""  # the records of the contacts counted, where the table shows them


@dataclass
class Chart:
    id: str
    title: str
    description: str
    columns: tuple  # headings of the table: (label, value[, records])
    kind: str  # "bars" (a ranking, horizontal) or "columns" (by year)
    bars: list = field(default_factory=list)
    width: int = WIDTH
    height: int = 0

    @property
    def empty(self):
        return not self.bars


def ranking(id, title, rows, *, noun, columns, percent=False):
    """Horizontal bars, largest first: rows are (label, value, href), or (label, value,
    href, records) where the columns have a third heading (contacts and their records)."""
    rows = [(*r, None)[:4] for r in rows if r[1] > 0]
    chart = Chart(id=id, title=title, description="", columns=columns, kind="bars")
    if not rows:
        chart.description = f"No {noun}s to show."
        return chart
    top = max(row[1] for row in rows)
    room = WIDTH - LABEL - 70
    for n, (label, value, href, records) in enumerate(rows):
        shown = f"{value:.1f}%" if percent else f"{value:,}"
        width = max(1.0, room * value / top)
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                shown=shown,
                href=href,
                x=LABEL,
                y=n * ROW + 4,
                width=round(width, 1),
                height=ROW - 8,
                text_x=round(LABEL + width + 6, 1),
                text_y=n * ROW + ROW / 2 + 4,
                records=f"{records:,}" if records is not None else "",
            )
        )
    chart.height = len(rows) * ROW + 4
    first = rows[0]
    shown = chart.bars[0].shown
    chart.description = (
        f"{len(rows)} {noun}{'s' if len(rows) != 1 else ''}, largest first: "
        f"{first[0]} leads with {shown}"
        + (f", then {rows[1][0]} with {chart.bars[1].shown}." if len(rows) > 1 else ".")
    )
    return chart


def by_year(id, title, counts, *, noun="meeting"):
    """Columns for each year from the first to the last, years without any included:
    counts are [{"year": 2019, "n": 12}, ...] in any order; with "records" beside "n" (the
    contacts of a year and their records), the table shows both."""
    with_records = any("records" in row for row in counts)
    columns = ("Year", "Contacts", "Records") if with_records else ("Year", "Meetings")
    chart = Chart(id=id, title=title, description="", columns=columns, kind="columns")
    values = {row["year"]: row["n"] for row in counts if row["year"] is not None}
    records = {row["year"]: row.get("records", 0) for row in counts if row["year"] is not None}
    if not values:
        chart.description = f"No {noun}s to show."
        return chart
    first, last = min(values), max(values)
    years = range(first, last + 1)
    top = max(values.values())
    step = max(1, min(60, WIDTH // len(years)))
    width = max(1, step - 2 if step < 20 else step - 6)
    every = 1 if step >= 32 else 2 if step >= 16 else 5 if step >= 6 else 10
    for n, year in enumerate(years):
        value = values.get(year, 0)
        height = COLUMN_AREA * value / top
        chart.bars.append(
            Bar(
                label=str(year),
                value=value,
                shown=f"{value:,}",
                x=n * step,
                y=round(COLUMN_AREA - height + 16, 1),
                width=width,
                height=round(height, 1),
                text_x=n * step + width / 2,
                text_y=COLUMN_AREA + 32,
                show_label=year % every == 0 or len(years) == 1,
                show_value=step >= 28 and value > 0,
                records=f"{records.get(year, 0):,}" if with_records else "",
            )
        )
    chart.width = max(WIDTH, step * len(years))
    chart.height = COLUMN_AREA + 40
    total = sum(values.values())
    busiest = max(values, key=lambda y: (values[y], -y))
    span = f"from {first} to {last}" if first != last else f"in {first}"
    chart.description = (
        f"{total:,} {noun}{'s' if total != 1 else ''} {span}; "
        f"the most in {busiest}, {values[busiest]:,}."
    )
    if with_records:
        chart.description += f" {sum(records.values()):,} records of them."
    return chart


def word_shares(participants, statements):
    """[(name, percent of the words, href)] of who spoke in a meeting, most words first;
    what nobody in the meeting is named for counts under its label. statements: the
    statements, or (speaker id, label, text) rows of them."""
    names = {p.id: (p.person.name, p.person.get_absolute_url()) for p in participants}
    words = {}
    for s in statements:
        speaker_id, label, text = (
            s if isinstance(s, tuple) else (s.speaker_id, s.speaker_label, s.text)
        )
        key = names.get(speaker_id) or (label or "Narrative", "")
        words[key] = words.get(key, 0) + len(text.split())
    total = sum(words.values())
    if not total:
        return []
    ranked = sorted(words.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return [(name, round(100 * n / total, 1), href) for (name, href), n in ranked]
