"""What `vigia serve` hands Streamlit: ui/app.py, run from a folder without a `pages/` beside it.

Streamlit runs a main script that has a `pages/` folder beside it in its old multipage mode until some session
calls st.navigation, so a fresh console's first link to a page (/explorar?q=…) would open that page's script
alone, without the log-in, the navigation or the log-out. From here every run goes through ui/app.py.
"""

from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"
exec(compile(APP.read_text(encoding="utf-8"), str(APP), "exec"), {"__name__": "__main__", "__file__": str(APP)})
