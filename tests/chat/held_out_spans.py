"""Held-out questions about spans: lengths of time between two years or dates in a table.

Written by a helper who had not read the engine's code, docs or tests. First run, on main before
spans were read (c5c4f1c): 10 right, 1 wrong, 45 declined of 56.

Five tables (cells written as Wikipedia and HR exports write them):
  * ``mayors``   -- No., Name, Party, Took office, Left office, Notes. Years. "Left office" is text:
    "1952" ... and "Incumbent" for the current mayor (Rebecca Hale, since 2021, the only Green).
    One acting mayor took and left office in the same year (1984, a span of 0 years).
  * ``captains`` -- a national side's Test captains: Captain, Span, Tests, Won, Lost, Drawn. Span is
    one cell: "1955–1958" (en dash), "1958-1961" (hyphen), "1954" (a single year) and "2022–"
    (the current captain, still going). Neighbouring spans share a year ("1997–2006", "2006–2008").
  * ``board``    -- members of a bank's policy board: Member, Role, From, To. Full dates written
    "12 March 1966"; the current member has a blank To. Several terms end one day short of an
    anniversary ("12 March 1966" to "11 March 1974" is 7 whole years, not 8).
  * ``career``   -- a footballer's club career by season: Club, Season ("2003–04", "1999–2000"),
    League, Apps, Goals. Six clubs, one to five consecutive seasons each, no club twice.
  * ``albums``   -- a band's discography: Year, Title, Type (Studio/EP/Live/Compilation), Label,
    Peak (UK) ("—" = did not chart). Several releases in some years; one title contains years
    ("Best Of: 1987–2004"). There are no track lists and no lengths.

Question groups (56): one row's span 11, span of several rows 9, extremes / comparisons /
averages of spans 14, spans between two named rows or events (and which span holds a year) 9,
traps 13 (still-going spans 4, a number that is not a span 4 -- three of them answerable, people
or clubs not in the table 2, "how long ago" 2, a year shared by two spans 1).

Conventions (decided before any run, written here so the answers can be checked):
  * A span from year A to year B is B - A years: "1997–2006" is 9 years, "1958-1961" is 3 years,
    "1954" alone is 0 years; Took office 1984 / Left office 1984 is 0 years.
  * A span between two full dates is the number of whole years between them (completed
    anniversaries, never rounded up, the To day not counted as an extra day -- like a
    spreadsheet's DATEDIF(From, To, "y")): 1 July 1961 to 30 June 1973 is 11 years, and
    1 January 1988 to 31 December 1995 is 7. "How many days" expects the int To - From
    (1 February 1980 to 31 January 1981 is 365 days, 1980 being a leap year).
  * The span of several rows (a club's seasons, a label's releases, the whole table) is the last
    year minus the first year. A season "2003–04" stands for 2003 at its start and 2004 at its
    end, so seasons 2003–04 to 2005–06 span 2006 - 2003 = 3 years (one season is 1 year).
    "How many seasons" counts season rows instead (7 Premier League seasons span 8 years, because
    one season in between was spent in Germany). A total over rows that are not consecutive
    ("in total, how many years did Conservative mayors hold office") is the sum of the rows' spans.
  * "How many years after X did Y ..." is Y's year minus X's year (int); with full dates it is
    whole years. "Who was captain in 1990" names every row whose span contains that year,
    both end years included.
  * "How long" expects text with the unit, as an analyst writes it: "9 years", "1 year". "How
    many years" / "for how many years" expects an int. An average of spans expects a float number
    of years (the data make it exact: 6.25, 8.2).
  * Who/which questions expect the name(s) as written; several names are a list in row order.
    A count expects an int; a yes/no question a bool.
  * A span still going ("Incumbent", "2022–", a blank To) has no length: asking for it is None
    (its length depends on today's date), and it is left out of extremes, counts, averages and
    totals. The current holders started recently enough that counting them up to any date before
    2030 would not change any extreme or count below (asserted), only averages would change.
  * None means the engine should decline: the span is still going, the person/club is not in the
    table, the table has no such column (track lengths), or the answer depends on today's date
    ("how long ago").

Written without reading the engine's code, docs or tests. Every expected answer is computed
with pandas from the frames below (None only for questions the tables cannot answer, each
backed by an assert that the cell is open, or the name/column really is missing).
"""
from __future__ import annotations

import io as _io
import re

import pandas as pd

# --------------------------------------------------------------------------------------
# Span helpers
# --------------------------------------------------------------------------------------

OPEN_END = {"", "incumbent", "present", "current"}
_SPAN_RE = re.compile(r"^\s*(\d{4})\s*(?:([–—-])\s*(\d{4}|present)?)?\s*$")
_SEASON_RE = re.compile(r"^\s*(\d{4})\s*[–—-]\s*(\d{2}|\d{4})\s*$")


def span_ends(text: str) -> tuple[int, int | None]:
    """'1997–2006' -> (1997, 2006); '1958-1961' -> (1958, 1961); '1954' -> (1954, 1954);
    '2022–' -> (2022, None) (still going)."""
    m = _SPAN_RE.match(str(text))
    assert m, text
    start = int(m.group(1))
    if m.group(2) is None:  # a single year
        return start, start
    end = m.group(3)
    if end is None or end == "present":
        return start, None
    assert int(end) >= start, text
    return start, int(end)


def span_len(text: str) -> int | None:
    start, end = span_ends(text)
    return None if end is None else end - start


def left_year(text) -> int | None:
    """'1952' -> 1952; 'Incumbent' / '' -> None."""
    t = str(text).strip()
    if t.lower() in OPEN_END:
        return None
    return int(t)


def season_ends(text: str) -> tuple[int, int]:
    """'2003–04' -> (2003, 2004); '1999–2000' -> (1999, 2000)."""
    m = _SEASON_RE.match(str(text))
    assert m, text
    start, tail = int(m.group(1)), m.group(2)
    if len(tail) == 4:
        end = int(tail)
    else:
        end = start // 100 * 100 + int(tail)
        if end < start:
            end += 100
    assert end == start + 1, text
    return start, end


def full_date(text) -> pd.Timestamp | None:
    """'12 March 1966' -> Timestamp; '' -> None (still serving)."""
    t = str(text).strip()
    if t.lower() in OPEN_END or t.lower() == "nan":
        return None
    return pd.to_datetime(t, format="%d %B %Y")


def whole_years(a: pd.Timestamp, b: pd.Timestamp) -> int:
    """Completed anniversaries from a to b."""
    assert b >= a, (a, b)
    return b.year - a.year - int((b.month, b.day) < (a.month, a.day))


def fmt_years(n: int) -> str:
    assert isinstance(n, int) and n >= 0, n
    return "1 year" if n == 1 else f"{n} years"


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

mayors = pd.DataFrame(
    [
        (1, "Harold Pennington", "Liberal", 1946, "1952", ""),
        (2, "Walter Briggs", "Labour", 1952, "1961", ""),
        (3, "Agnes Whitcombe", "Conservative", 1961, "1963", "Died in office"),
        (4, "Thomas Ashdown", "Labour", 1963, "1975", ""),
        (5, "Margaret Kealey", "Conservative", 1975, "1976", "Resigned"),
        (6, "Ronald Fitch", "Conservative", 1976, "1984", ""),
        (7, "Sunita Rao", "Labour", 1984, "1984", "Acting"),
        (8, "Peter Lindqvist", "Labour", 1984, "1997", ""),
        (9, "Claire Donnelly", "Liberal Democrats", 1997, "2001", ""),
        (10, "Graham Obi", "Conservative", 2001, "2008", ""),
        (11, "Fiona MacLeod", "Labour", 2008, "2015", ""),
        (12, "Daniel Mwangi", "Independent", 2015, "2021", ""),
        (13, "Rebecca Hale", "Green", 2021, "Incumbent", ""),
    ],
    columns=["No.", "Name", "Party", "Took office", "Left office", "Notes"],
)

captains = pd.DataFrame(
    [
        ("Frank Mallory", "1954", 3, 0, 2, 1),
        ("Geoffrey Tait", "1955–1958", 14, 5, 4, 5),
        ("Colin Ashby", "1958-1961", 12, 4, 5, 3),
        ("Raymond Petch", "1962–1970", 31, 11, 9, 11),
        ("Dennis Crowe", "1971", 4, 1, 1, 2),
        ("Alan Whitlock", "1972–1977", 22, 9, 6, 7),
        ("Ian Sowerby", "1978–1984", 28, 10, 10, 8),
        ("Neil Hargreaves", "1985-1987", 9, 2, 4, 3),
        ("Martin Cole", "1988–1996", 38, 15, 12, 11),
        ("Stephen Rourke", "1997–2006", 47, 22, 13, 12),
        ("Paul Danvers", "2006–2008", 11, 3, 5, 3),
        ("Mark Ellison", "2009-2014", 36, 16, 11, 9),
        ("James Okafor", "2015–2021", 29, 12, 10, 7),
        ("Rahul Menon", "2022–", 18, 8, 6, 4),
    ],
    columns=["Captain", "Span", "Tests", "Won", "Lost", "Drawn"],
)

board = pd.DataFrame(
    [
        ("Arthur Kimble", "Governor", "1 July 1961", "30 June 1973"),
        ("Eleanor Voss", "Deputy Governor", "12 March 1966", "11 March 1974"),
        ("Hugh Pemberton", "External member", "4 January 1968", "3 January 1971"),
        ("Rosalind Achterberg", "External member", "15 September 1971", "15 September 1979"),
        ("Kenneth Lusk", "Governor", "1 July 1973", "31 December 1987"),
        ("Priya Natarajan", "Deputy Governor", "20 April 1974", "19 April 1982"),
        ("Oswald Grange", "External member", "1 February 1980", "31 January 1981"),
        ("Marguerite Lindahl", "Governor", "1 January 1988", "31 December 1995"),
        ("Tobias Reinholt", "External member", "9 November 1989", "30 June 1997"),
        ("Catherine Moyo", "Deputy Governor", "1 October 1992", "30 September 2004"),
        ("Julian Ferrante", "Governor", "1 January 1996", "31 December 2007"),
        ("Helen Okonkwo", "External member", "3 May 2004", "2 May 2013"),
        ("Farah Siddiqui", "External member", "1 September 2014", "31 August 2021"),
        ("Anders Holm", "Governor", "1 January 2022", ""),
    ],
    columns=["Member", "Role", "From", "To"],
)

career = pd.DataFrame(
    [
        ("Heerenveen", "1998–99", "Eredivisie", 12, 1),
        ("Heerenveen", "1999–2000", "Eredivisie", 28, 6),
        ("Heerenveen", "2000–01", "Eredivisie", 31, 11),
        ("PSV", "2001–02", "Eredivisie", 30, 14),
        ("PSV", "2002–03", "Eredivisie", 33, 19),
        ("PSV", "2003–04", "Eredivisie", 29, 12),
        ("PSV", "2004–05", "Eredivisie", 32, 17),
        ("Aston Villa", "2005–06", "Premier League", 34, 10),
        ("Aston Villa", "2006–07", "Premier League", 36, 13),
        ("Aston Villa", "2007–08", "Premier League", 30, 9),
        ("Aston Villa", "2008–09", "Premier League", 25, 7),
        ("Aston Villa", "2009–10", "Premier League", 19, 4),
        ("Hamburger SV", "2010–11", "Bundesliga", 22, 5),
        ("Fulham", "2011–12", "Premier League", 27, 6),
        ("Fulham", "2012–13", "Premier League", 18, 2),
        ("Melbourne Victory", "2013–14", "A-League", 24, 9),
        ("Melbourne Victory", "2014–15", "A-League", 20, 5),
    ],
    columns=["Club", "Season", "League", "Apps", "Goals"],
)

albums = pd.DataFrame(
    [
        (1987, "Paper Lanterns", "EP", "Kettle Records", "—"),
        (1988, "Northern Line", "Studio", "Kettle Records", 41),
        (1988, "Signal Box", "EP", "Kettle Records", "—"),
        (1990, "Glasshouse", "Studio", "Kettle Records", 22),
        (1991, "Glasshouse Sessions", "EP", "Kettle Records", 58),
        (1993, "Undertow Radio", "Studio", "Parlophone", 9),
        (1993, "Live in Leeds", "Live", "Parlophone", 31),
        (1996, "Harbour Lights", "Studio", "Parlophone", 3),
        (1996, "Odds and Ends", "Compilation", "Parlophone", 27),
        (2001, "The Long Quiet", "Studio", "Parlophone", 5),
        (2004, "Semaphore", "Studio", "Parlophone", 7),
        (2005, "Best Of: 1987–2004", "Compilation", "Parlophone", 4),
        (2005, "Live at Brixton", "Live", "Parlophone", 19),
        (2009, "Ember", "Studio", "Bella Union", 3),
        (2015, "After the Flood", "Studio", "Bella Union", 11),
        (2015, "Acoustic Sessions", "EP", "Bella Union", 64),
        (2019, "Slow Return", "Studio", "Bella Union", 14),
        (2019, "Thirty Years Live", "Live", "Bella Union", 45),
    ],
    columns=["Year", "Title", "Type", "Label", "Peak (UK)"],
)

TABLES: dict[str, pd.DataFrame] = {
    "mayors": mayors,
    "captains": captains,
    "board": board,
    "career": career,
    "albums": albums,
}

# --------------------------------------------------------------------------------------
# Derived spans (one per row; None when still going)
# --------------------------------------------------------------------------------------

_m_len = pd.Series(
    [None if left_year(left) is None else left_year(left) - t
     for t, left in zip(mayors["Took office"], mayors["Left office"], strict=True)],
    index=mayors.index, dtype="object",
)
_c_start = captains["Span"].map(lambda s: span_ends(s)[0])
_c_end = captains["Span"].map(lambda s: span_ends(s)[1])
_c_len = captains["Span"].map(span_len)
_b_from = board["From"].map(full_date)
_b_to = board["To"].map(full_date)
_b_years = pd.Series(
    [None if pd.isna(t) else whole_years(f, t) for f, t in zip(_b_from, _b_to, strict=True)],
    index=board.index, dtype="object",
)
_b_days = pd.Series(
    [None if pd.isna(t) else int((t - f).days) for f, t in zip(_b_from, _b_to, strict=True)],
    index=board.index, dtype="object",
)
_p_start = career["Season"].map(lambda s: season_ends(s)[0])
_p_end = career["Season"].map(lambda s: season_ends(s)[1])


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce")


# --------------------------------------------------------------------------------------
# Question helpers (each asserts its rows are the ones intended)
# --------------------------------------------------------------------------------------


def _py(v):
    if isinstance(v, bool):
        return v
    if hasattr(v, "item"):
        v = v.item()
    return v


def row_ix(df: pd.DataFrame, col: str, value) -> int:
    m = df[col] == value
    assert int(m.sum()) == 1, (col, value, int(m.sum()))
    return int(df.index[m][0])


def val(series: pd.Series, df: pd.DataFrame, col: str, value):
    v = series.loc[row_ix(df, col, value)]
    assert v is not None and not pd.isna(v), (col, value)
    v = _py(v)
    if isinstance(v, float) and v.is_integer():  # a year column holding NaN for "still going"
        v = int(v)
    return v


def arg_ext(df: pd.DataFrame, key: pd.Series, out_col: str, *, largest: bool, ties: bool = False):
    k = _num(key).dropna()
    target = k.max() if largest else k.min()
    hits = list(k[k == target].index)
    if not ties:
        assert len(hits) == 1, ("tie in extreme", out_col, hits)
        return _py(df.loc[hits[0], out_col])
    assert len(hits) > 1, ("expected a tie", out_col, hits)
    return [_py(df.loc[h, out_col]) for h in sorted(hits)]


def names(df: pd.DataFrame, mask: pd.Series, col: str) -> list:
    out = [_py(v) for v in df.loc[mask.fillna(False).astype(bool), col]]
    assert out, col
    return out


def count(mask: pd.Series) -> int:
    return int(mask.fillna(False).astype(bool).sum())


def mean_years(lengths: pd.Series) -> float:
    k = _num(lengths).dropna()
    v = float(k.mean())
    assert round(v, 2) == v, ("average not exact to 2 decimals", v)
    return v


def rows_span(start: pd.Series, end: pd.Series, mask: pd.Series) -> int:
    """Last year minus first year over the masked rows (which must be consecutive rows)."""
    idx = list(mask[mask].index)
    assert idx and idx == list(range(idx[0], idx[-1] + 1)), ("rows not consecutive", idx)
    return int(end[mask].max() - start[mask].min())


def club_span(club: str) -> int:
    return rows_span(_p_start, _p_end, career["Club"] == club)


def label_span(label: str) -> int:
    m = albums["Label"] == label
    return rows_span(albums["Year"], albums["Year"], m)


def only(items: list):
    assert len(items) == 1, items
    return items[0]


def captain_in(year: int) -> list:
    end_or_now = _c_end.fillna(10**6)
    return names(captains, (_c_start <= year) & (end_or_now >= year), "Captain")


def ongoing(df: pd.DataFrame, key_col: str, key, length: pd.Series) -> None:
    """Asserts the named row exists and its span is still going (no length); returns None."""
    v = length.loc[row_ix(df, key_col, key)]
    assert v is None or pd.isna(v), (key, v)
    return None


def absent(df: pd.DataFrame, *parts: str) -> None:
    """Asserts no cell in the table contains any of the parts; returns None."""
    for p in parts:
        for c in df.columns:
            assert not df[c].astype(str).str.contains(p, case=False, regex=False).any(), (p, c)
    return None


def lacks(df: pd.DataFrame, *words: str) -> None:
    """Asserts no column header mentions the missing fact; returns None."""
    for w in words:
        assert not any(w.lower() in str(c).lower() for c in df.columns), (w, list(df.columns))
    return None


def ago(df: pd.DataFrame, key_col: str, key) -> None:
    """'How long ago': the row exists, but the answer needs today's date; returns None."""
    row_ix(df, key_col, key)
    lacks(df, "as of", "today", "ago", "years since")
    return None


# --------------------------------------------------------------------------------------
# Sanity of the tables
# --------------------------------------------------------------------------------------

assert mayors["Name"].is_unique and captains["Captain"].is_unique and board["Member"].is_unique
assert albums["Title"].is_unique
assert count(_m_len.isna()) == 1 and count(_c_len.isna()) == 1 and count(_b_years.isna()) == 1
# mayors follow each other: each took office the year the previous one left
assert all(mayors["Took office"].iloc[i + 1] == left_year(mayors["Left office"].iloc[i])
           for i in range(len(mayors) - 1))
# captains: spans in order, non-decreasing
assert (_c_start.diff().dropna() > 0).all()
# career: one row per season, consecutive seasons, each club a single block of rows
assert (_p_start.diff().dropna() == 1).all()
assert (career["Club"] != career["Club"].shift()).sum() == career["Club"].nunique()
assert (albums["Year"].diff().dropna() >= 0).all()
assert albums.groupby("Year").size().max() >= 2
# the dash styles the questions rely on are all present
assert {"–" in s for s in captains["Span"]} == {True, False}
assert any("-" in s for s in captains["Span"]) and any(re.fullmatch(r"\d{4}", s) for s in captains["Span"])
assert any(s.endswith("–") for s in captains["Span"])
assert any(len(s) == 9 for s in career["Season"])  # "1999–2000"
# terms one day short of an anniversary really are one whole year shorter
assert val(_b_years, board, "Member", "Eleanor Voss") == 7
assert val(_b_years, board, "Member", "Rosalind Achterberg") == 8

# Robustness: counting the still-going spans up to any year before 2030 changes no extreme or
# count asked below (only averages, which follow the convention).
for _as_of in range(2025, 2030):
    _m_now = _as_of - int(mayors.loc[_m_len.isna(), "Took office"].iloc[0])
    assert _m_now < _num(_m_len).max() and not _m_now > 10
    _c_now = _as_of - int(_c_start[_c_len.isna()].iloc[0])
    assert _c_now < _num(_c_len).max() and not _c_now > 7
    _b_now = whole_years(_b_from[_b_years.isna()].iloc[0], pd.Timestamp(_as_of, 12, 31))
    assert _b_now < _num(_b_years).max() and not _b_now >= 8
    assert (pd.Timestamp(_as_of, 12, 31) - _b_from[_b_years.isna()].iloc[0]).days < _num(_b_days).max()

# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------

_studio = albums[albums["Type"] == "Studio"].reset_index(drop=True)
_studio_gap = _studio["Year"].diff()

SPAN_QUESTIONS: list[tuple[str, str, object]] = [
    # ---------------- one row's span ----------------
    ("mayors", "how long did Thomas Ashdown serve as mayor?",
     fmt_years(val(_m_len, mayors, "Name", "Thomas Ashdown"))),
    ("mayors", "how many years was walter briggs in office",
     val(_m_len, mayors, "Name", "Walter Briggs")),
    ("mayors", "How long was Margaret Kealey mayor?",
     fmt_years(val(_m_len, mayors, "Name", "Margaret Kealey"))),
    ("captains", "how long was stephen rourke captain",
     fmt_years(val(_c_len, captains, "Captain", "Stephen Rourke"))),
    # "1958-1961" with a hyphen
    ("captains", "For how many years did Colin Ashby captain the side?",
     val(_c_len, captains, "Captain", "Colin Ashby")),
    # "1954": a single year is 0 years
    ("captains", "how many years was frank mallory captain for?",
     val(_c_len, captains, "Captain", "Frank Mallory")),
    ("captains", "for how long did Paul Danvers lead the team",
     fmt_years(val(_c_len, captains, "Captain", "Paul Danvers"))),
    # 12 March 1966 to 11 March 1974: one day short of 8 years
    ("board", "how long was Eleanor Voss on the board?",
     fmt_years(val(_b_years, board, "Member", "Eleanor Voss"))),
    ("board", "how many years did kenneth lusk serve on the board",
     val(_b_years, board, "Member", "Kenneth Lusk")),
    ("board", "How long did Rosalind Achterberg sit on the board?",
     fmt_years(val(_b_years, board, "Member", "Rosalind Achterberg"))),
    # 1 February 1980 to 31 January 1981 spans 29 February 1980
    ("board", "how many days was oswald grange a member",
     val(_b_days, board, "Member", "Oswald Grange")),

    # ---------------- span of several rows ----------------
    ("career", "how long did he play for PSV?",
     fmt_years(club_span("PSV"))),
    ("career", "how many years did he spend at aston villa",
     club_span("Aston Villa")),
    ("career", "How long was his playing career?",
     fmt_years(rows_span(_p_start, _p_end, career["Club"].notna()))),
    ("career", "how long did he play in the eredivisie",
     fmt_years(rows_span(_p_start, _p_end, career["League"] == "Eredivisie"))),
    # "how many seasons" counts rows: 7 seasons, not the 8-year span (2010–11 was in Germany)
    ("career", "how many seasons did he play in the Premier League?",
     count(career["League"] == "Premier League")),
    ("albums", "how many years does the table cover?",
     int(albums["Year"].max() - albums["Year"].min())),
    ("albums", "How many years passed between the first and the last studio album?",
     int(_studio["Year"].iloc[-1] - _studio["Year"].iloc[0])),
    ("albums", "how long were they on parlophone",
     fmt_years(label_span("Parlophone"))),
    # not consecutive: sum of the Conservative mayors' terms
    ("mayors", "in total, how many years did Conservative mayors hold office?",
     int(_num(_m_len[mayors["Party"] == "Conservative"]).sum())),

    # ---------------- extremes, comparisons, averages of spans ----------------
    ("mayors", "who served the longest?",
     arg_ext(mayors, _m_len, "Name", largest=True)),
    # Took office 1984, Left office 1984: 0 years
    ("mayors", "which mayor had the shortest tenure",
     arg_ext(mayors, _m_len, "Name", largest=False)),
    ("mayors", "did Ronald Fitch serve longer than Graham Obi?",
     bool(val(_m_len, mayors, "Name", "Ronald Fitch") > val(_m_len, mayors, "Name", "Graham Obi"))),
    ("mayors", "how many mayors held office for more than 10 years",
     count(_num(_m_len) > 10)),
    # the incumbent is left out of the average
    ("mayors", "What was the average length of a mayor's term, in years?",
     mean_years(_m_len)),
    ("mayors", "on average, how many years did a labour mayor serve",
     mean_years(_m_len[mayors["Party"] == "Labour"])),
    ("captains", "who was captain for the longest time?",
     arg_ext(captains, _c_len, "Captain", largest=True)),
    # "1954" and "1971": both 0 years
    ("captains", "which captains had the shortest spans",
     arg_ext(captains, _c_len, "Captain", largest=False, ties=True)),
    ("captains", "how many captains led the side for more than seven years?",
     count(_num(_c_len) > 7)),
    # 8 years each: not longer
    ("captains", "did raymond petch captain longer than martin cole",
     bool(val(_c_len, captains, "Captain", "Raymond Petch")
          > val(_c_len, captains, "Captain", "Martin Cole"))),
    ("board", "Who served on the board the longest?",
     arg_ext(board, _b_days, "Member", largest=True)),
    # whole years: 7 years 364 days is not 8 years
    ("board", "how many members served at least 8 years",
     count(_num(_b_years) >= 8)),
    ("career", "at which club did he stay the longest?",
     arg_ext(pd.DataFrame({"Club": career["Club"].unique()}),
             pd.Series([club_span(c) for c in career["Club"].unique()]), "Club", largest=True)),
    ("albums", "which studio album came after the longest gap",
     arg_ext(_studio, _studio_gap, "Title", largest=True)),

    # ---------------- spans between two named rows / events ----------------
    ("mayors", "how many years after Walter Briggs took office did Thomas Ashdown take office?",
     int(val(mayors["Took office"], mayors, "Name", "Thomas Ashdown")
         - val(mayors["Took office"], mayors, "Name", "Walter Briggs"))),
    ("mayors", "How many years passed between Harold Pennington taking office and Claire Donnelly leaving office?",
     int(left_year(val(mayors["Left office"], mayors, "Name", "Claire Donnelly"))
         - val(mayors["Took office"], mayors, "Name", "Harold Pennington"))),
    ("captains", "how many years after geoffrey tait became captain did ian sowerby take over",
     int(val(_c_start, captains, "Captain", "Ian Sowerby")
         - val(_c_start, captains, "Captain", "Geoffrey Tait"))),
    ("captains", "Who was captain in 1990?",
     only(captain_in(1990))),
    ("board", "how many years after arthur kimble joined the board did eleanor voss join?",
     whole_years(val(_b_from, board, "Member", "Arthur Kimble"),
                 val(_b_from, board, "Member", "Eleanor Voss"))),
    ("board", "How many days after Eleanor Voss left did Priya Natarajan join?",
     int((val(_b_from, board, "Member", "Priya Natarajan")
          - val(_b_to, board, "Member", "Eleanor Voss")).days)),
    ("career", "how many years after joining PSV did he sign for Fulham",
     int(_p_start[career["Club"] == "Fulham"].min() - _p_start[career["Club"] == "PSV"].min())),
    ("albums", "how many years between the first and second studio album?",
     int(_studio["Year"].iloc[1] - _studio["Year"].iloc[0])),
    # the years in the title are not the release year
    ("albums", "how many years passed between Northern Line and Best Of: 1987–2004",
     int(val(albums["Year"], albums, "Title", "Best Of: 1987–2004")
         - val(albums["Year"], albums, "Title", "Northern Line"))),

    # ---------------- traps ----------------
    # still going: the length depends on today's date
    ("mayors", "how long has Rebecca Hale been mayor?",
     ongoing(mayors, "Name", "Rebecca Hale", _m_len)),
    ("captains", "How many years has Rahul Menon been captain?",
     ongoing(captains, "Captain", "Rahul Menon", _c_len)),
    ("board", "how long has anders holm been on the board",
     ongoing(board, "Member", "Anders Holm", _b_years)),
    # the only Green mayor is the incumbent
    ("mayors", "for how many years did the Green party hold the mayoralty?",
     ongoing(mayors, "Name", only(names(mayors, mayors["Party"] == "Green", "Name")), _m_len)),
    # a number that is not a span: no track list, no lengths
    ("albums", "how long is track 3?",
     lacks(albums, "track", "length", "duration", "runtime", "time")),
    # "No. 8" is the row number
    ("mayors", "how long did mayor no. 8 serve",
     fmt_years(val(_m_len, mayors, "No.", 8))),
    # 47 is a number of Tests
    ("captains", "how long was the captain who led 47 Tests in charge?",
     fmt_years(val(_c_len, captains, "Tests", 47))),
    # 19 is goals in one season; the span is the club's
    ("career", "How long did he play for the club where he scored 19 goals in a season?",
     fmt_years(club_span(_py(career.loc[row_ix(career, "Goals", 19), "Club"])))),
    # 2006 ends one span and starts the next: both captains
    ("captains", "who captained the side in 2006",
     captain_in(2006)),
    # not in the table
    ("mayors", "how long did Edwin Marsh serve as mayor?",
     absent(mayors, "Marsh", "Edwin")),
    ("career", "how long did he play for ajax",
     absent(career, "Ajax")),
    # "how long ago": depends on today's date
    ("mayors", "How long ago did Harold Pennington leave office?",
     ago(mayors, "Name", "Harold Pennington")),
    ("albums", "how many years ago did they release Ember",
     ago(albums, "Title", "Ember")),
]

ONE_ROW_COUNT = 11
SEVERAL_ROWS_COUNT = 9
EXTREME_COUNT = 14
BETWEEN_COUNT = 9
TRAP_COUNT = 13
CANNOT_ANSWER_COUNT = 9  # traps answered None
assert len(SPAN_QUESTIONS) == (ONE_ROW_COUNT + SEVERAL_ROWS_COUNT + EXTREME_COUNT + BETWEEN_COUNT
                               + TRAP_COUNT), len(SPAN_QUESTIONS)
assert sum(a is None for _t, _q, a in SPAN_QUESTIONS) == CANNOT_ANSWER_COUNT
assert len({q.lower() for _t, q, _a in SPAN_QUESTIONS}) == len(SPAN_QUESTIONS)

for _t, _q, _a in SPAN_QUESTIONS:
    assert _t in TABLES and TABLES[_t] is globals()[_t], _t
    assert _a is None or isinstance(_a, (bool, int, float, str, list)), (_q, type(_a))
    if isinstance(_a, list):
        assert _a and all(isinstance(x, (bool, int, float, str)) for x in _a), (_q, _a)
    assert not hasattr(_a, "dtype"), (_q, type(_a))
    # "how long" (not "how long ago") expects text with a unit; "how many years" an int
    if _a is not None and _q.lower().startswith("how long") and "ago" not in _q.lower():
        assert isinstance(_a, str) and _a.endswith(("year", "years")), (_q, _a)
    if _a is not None and "how many years" in _q.lower() and "average" not in _q.lower():
        assert isinstance(_a, int) and not isinstance(_a, bool), (_q, _a)

# every table survives a CSV round trip with its cells as written

for _name, _df in TABLES.items():
    _buf = _io.StringIO()
    _df.to_csv(_buf, index=False)
    _back = pd.read_csv(_io.StringIO(_buf.getvalue()), dtype=str, keep_default_na=False)
    assert list(_back.columns) == list(_df.columns), _name
    assert (_back.values == _df.astype(str).values).all(), _name

if __name__ == "__main__":
    for _t, _q, _a in SPAN_QUESTIONS:
        print(f"{_t:9} | {_q:95} | {_a!r}")
    print(len(SPAN_QUESTIONS), "questions")
