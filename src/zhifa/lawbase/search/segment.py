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
from pathlib import Path
from typing import Any

# Particles and function words that match nearly every article and so only add noise to a ranking.
_STOPWORDS = (
    "的 了 和 与 及 或 等 在 是 对 于 由 把 被 为 以 之 其 者 所 将 并 而 且 但 如 若 该 本 此 这 那 有 无 不 也 "
    "就 都 又 个 条 款 项 依照 按照 根据 规定 应当 可以 我 你 他 她 它 们 啊 吗 呢 吧 怎么 什么 如何 哪些 是否 "
    # 某 stands in for a withheld name (某公司, 张某) in published cases: it says nothing of the conduct.
    "某 一个 这个 那个 还是 就是 已经 一直 还 在"
)
STOPWORDS = frozenset(_STOPWORDS.split())
DICTIONARY = Path(__file__).resolve().parent.parent / "data" / "search_dictionary.txt"
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
        # Domain words jieba's general dictionary would cut apart (排污许可证, 渣土车). The index and
        # the queries must be cut alike, so only this shipped file counts; after changing it,
        # rebuild the index (zhifa lawbase reindex --all).
        if DICTIONARY.exists():
            tokenizer.load_userdict(str(DICTIONARY))
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
