"""Carts and orders placed in conversations.

Carts live in the conversation's dialogue state; these tables keep what leaves the
conversation: confirmed orders. Quote requests are tickets (kind ``quote``).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the commerce tables."""
    op.create_table(
        "placed_orders",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("company", sa.String(100), nullable=False, index=True),
        sa.Column("order_number", sa.String(20), unique=True),
        sa.Column("customer_number", sa.String(50)),
        sa.Column("email", sa.String(320)),
        sa.Column("shipping_address", sa.JSON(), nullable=False),
        sa.Column("billing_address", sa.String(500)),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("shipping_method", sa.String(20), nullable=False),
        sa.Column("shipping_cost", sa.String(20), nullable=False),
        sa.Column("discount", sa.String(20), nullable=False),
        sa.Column("voucher", sa.String(40)),
        sa.Column("payment_method", sa.String(40), nullable=False),
        sa.Column("vat", sa.String(20), nullable=False),
        sa.Column("total", sa.String(20), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the commerce tables."""
    op.drop_table("placed_orders")
