"""Every change to the org tree and to accounts goes through a function here (DESIGN.md §2)."""
