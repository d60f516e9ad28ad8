"""api: the /api/v1 JSON API. Thin: endpoints parse, call actions or selectors, serialise."""
