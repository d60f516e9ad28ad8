"""在线找法 / 执法宝典: one full-text search over laws, articles, matters, discretion benchmarks and
reference cases, segmented with jieba and indexed by the database's own engine (SQLite FTS5 in the
embedded default, PostgreSQL tsvector in production) behind one interface (``query.search``)."""
