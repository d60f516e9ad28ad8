"""documents: the templates of official documents (执法文书) and, with the case engine, rendering."""
