"""Loads and validates a company pack into domain objects."""
