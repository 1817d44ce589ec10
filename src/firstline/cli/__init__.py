"""The ``firstline`` command line (Typer)."""
