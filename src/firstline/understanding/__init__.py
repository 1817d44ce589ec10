"""Text to proposed commands (embedded classifier now, an LLM later); never side effects."""
