"""Agent.handle: the turn pipeline and nothing else."""
