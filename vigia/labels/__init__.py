"""Human labels: the review queue and judgements, and their backups."""
