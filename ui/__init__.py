"""Vigía's Streamlit console. Pages live in ui/pages/, one file each, and read through vigia.store."""
