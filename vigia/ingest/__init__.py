"""Getting records in: the pipeline (normalize -> enrich -> store), file importers, the quarantine, the spool."""
