"""The supervisor console at ``/console`` (server-rendered pages) and the staff API at ``/console/api``."""
