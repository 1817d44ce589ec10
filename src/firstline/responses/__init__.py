"""Reply templates per language, formatted for the customer's locale."""
