"""core: the audit chain, errors, request context, scoping and the staff shell every app shares."""
