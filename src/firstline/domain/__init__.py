"""Values and events of firstline's core: no I/O, no framework."""
