"""firstline."""
