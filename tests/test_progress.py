"""Long work shows a bar with counts and rate on a terminal, and stays silent in pipes and logs."""

import io

from rich.console import Console

from vigia.progress import track


def test_terminal_shows_counts_and_rate():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    assert list(track(range(250), "loading", total=250, unit="records", console=console)) == list(range(250))
    text = out.getvalue()
    assert "loading" in text and "250/250" in text and "records/s" in text


def test_pipes_get_no_bar():
    out = io.StringIO()
    assert list(track(["a", "b"], "loading", console=Console(file=out, force_terminal=False))) == ["a", "b"]
    assert out.getvalue() == ""
