"""Company rules checked in code before an action runs."""
