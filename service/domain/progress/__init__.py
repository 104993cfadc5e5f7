"""Progress: goals against their trajectories, and spend against the agreed allocation."""
