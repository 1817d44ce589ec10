"""Flows: deterministic steps and slot filling."""
