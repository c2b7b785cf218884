"""Alerts that reach people: what to say (notices), what was already said (ledger), and how to send it (notify)."""
