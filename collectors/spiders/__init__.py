"""One spider per source, the file named after the spider's `name`. See collectors/README.md."""
