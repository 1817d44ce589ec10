"""Carts and orders placed in conversations.

Revision ID: 0004
Revises: 0003
"""

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the commerce tables."""


def downgrade() -> None:
    """Drop the commerce tables."""
