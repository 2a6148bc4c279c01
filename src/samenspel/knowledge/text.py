"""Dutch search text for lessons and tools: folding, words, stems. Pure Python, no Django.

Both search backends index *folded* text (accents dropped, lower case), so that a search for
"coöperatie" finds "cooperatie" and the other way round; PostgreSQL's own "dutch" snowball
configuration stems that folded text, and on SQLite the stems are made here with PyStemmer's
Dutch snowball stemmer before they go into the FTS5 table.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

import Stemmer

# Words too common to tell two documents apart. Negations stay searchable on purpose.
_STOP_WORDS_TEXT = """
    de het een en van in op is dat die der den des te ten ter met voor aan bij uit om tot
    naar over als dan of maar ook nog al er hier daar waar wat wie hoe zo ik je jij u we wij
    ze zij hij zich mij me mijn jouw uw ons onze hun haar zijn was waren ben bent wordt
    worden werd werden heb hebt heeft hebben had hadden kan kun kunt kunnen zou zouden zal
    zullen moet moeten mag mogen wil willen dit deze dus toch even wel alle alles iets
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[0-9a-z]+")
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    # A PyStemmer object keeps a cache and is not safe to share between threads.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("dutch")
    return stemmer


def fold(text: str) -> str:
    """Lower case without accents or diaeresis: "Coöperatie Ideeën" -> "cooperatie ideeen"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """The folded words of a text, stop words and one-letter words left out, in order."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOP_WORDS]


def stems(text: str) -> list[str]:
    """The Dutch snowball stems of the folded words: "speeltuinen" -> "speeltuin"."""
    return _stemmer().stemWords(words(text))


def stemmed_text(text: str) -> str:
    return " ".join(stems(text))


def folded_text(text: str) -> str:
    return " ".join(words(text))


def unique(items: Iterable[str], limit: int | None = None) -> list[str]:
    """Keep the first occurrence of each item, in order, at most `limit` of them."""
    seen: dict[str, None] = {}
    for item in items:
        if item not in seen:
            seen[item] = None
            if limit is not None and len(seen) >= limit:
                break
    return list(seen)


def fts5_match(terms: Iterable[str]) -> str:
    """An FTS5 MATCH expression: any of the terms, each quoted so it is never syntax."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
