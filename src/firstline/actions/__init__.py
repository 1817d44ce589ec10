"""Tools with side effects; each declares what it needs and reports what it did."""
