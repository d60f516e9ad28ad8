"""cases: a penalty case from lead to archive, every step checked against the law (执法办案)."""
