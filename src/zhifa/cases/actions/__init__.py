"""Every change to a case goes through a function here (DESIGN.md §2): permission, legal rules,
the rows, the case event and the audit entry, in one transaction."""
