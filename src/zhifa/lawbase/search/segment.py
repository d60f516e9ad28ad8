"""Chinese word segmentation for the index and for queries.

Both sides use jieba's search mode, which also emits the shorter words inside a long one
(店门口 → 店门, 门口, 店门口), so that a colloquial query and the statutory wording meet on the
words they share. The full-text engines only ever see space-separated tokens.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import cache
from typing import Any

# Particles and function words that match nearly every article and so only add noise to a ranking.
_STOPWORDS = (
    "的 了 和 与 及 或 等 在 是 对 于 由 把 被 为 以 之 其 者 所 将 并 而 且 但 如 若 该 本 此 这 那 有 无 不 也 "
    "就 都 又 个 条 款 项 依照 按照 根据 规定 应当 可以 我 你 他 她 它 们 啊 吗 呢 吧 怎么 什么 如何 哪些 是否"
)
STOPWORDS = frozenset(_STOPWORDS.split())
_TOKEN = re.compile(r"^[\w\u3400-\u9fff]+$")
_lock = threading.Lock()


@cache
def _tokenizer() -> Any:
    import jieba

    # jieba announces its dictionary loading on stderr; that is noise in a CLI and in tests.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
    return tokenizer


def tokens(text: str) -> list[str]:
    """The index tokens of `text`, in order, without punctuation or stop words."""
    if not text:
        return []
    out: list[str] = []
    for cut in _tokenizer().cut_for_search(text):
        word = cut.strip().lower()
        if word and word not in STOPWORDS and _TOKEN.match(word):
            out.append(word)
    return out


def index_text(*texts: str) -> str:
    return " ".join(t for text in texts for t in tokens(text))
