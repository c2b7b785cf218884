"""Personal data: author pseudonyms, redaction, erasure requests, the retention policy and the audit log."""
