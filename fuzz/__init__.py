"""The long fuzz run: `python -m fuzz` (see README, "Privacy and safety")."""
