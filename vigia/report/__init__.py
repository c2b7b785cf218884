"""The weekly or monthly report: what it holds (contents) and the PDF it is printed as (pdf)."""
