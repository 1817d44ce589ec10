"""Staff accounts (admins, supervisors, agents) and their console sessions.

Revision ID: 0003
Revises: 0002
"""

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the staff tables."""


def downgrade() -> None:
    """Drop the staff tables."""
