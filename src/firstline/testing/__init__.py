"""Test doubles and the conversation-test runner that firstline ships for its users."""

from firstline.testing.clock import FakeClock

__all__ = ["FakeClock"]
