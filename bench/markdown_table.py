"""The benches' one Markdown table printer (bench/tree_turns.py's tree comparisons, bench/neck_sheets.py's
per-driver tables)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def print_markdown_table(heads: Sequence[str], rows: Iterable[str], title: str | None = None) -> None:
    """Print `title` (a paragraph after a blank line, when given), the header row of `heads` (a head may hold
    several columns' titles joined by " | ") and its rule, then `rows` (each a whole "| ... |" line, printed as
    it comes)."""
    if title is not None:
        print(f"\n{title}\n")
    print("| " + " | ".join(heads) + " |")
    print("|" + "---|" * sum(head.count(" | ") + 1 for head in heads), flush=True)
    for row in rows:
        print(row, flush=True)
