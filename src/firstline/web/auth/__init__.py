"""Staff authentication for the console and the staff API: passwords, sessions, CSRF and roles."""
