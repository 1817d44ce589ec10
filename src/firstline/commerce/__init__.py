"""Selling: catalogue search, product facts, prices, shipping, VAT, vouchers and carts."""
