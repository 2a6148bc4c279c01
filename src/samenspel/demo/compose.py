"""Compose believable Dutch signal texts from the fragments in `texts.py`.

Pure Python (no Django): takes a seeded `random.Random` and returns strings, so the
same seed always yields the same demo.
"""

import random

from . import texts
from .texts import Topic


def fill(template: str, **values: str) -> str:
    """Fill the placeholders a fragment uses; unknown placeholders stay as they are."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def add_typos(text: str, rng: random.Random, rate: float) -> str:
    """Swap, drop or double a letter here and there, as people type on a phone."""
    chars = list(text)
    i = 1
    while i < len(chars) - 2:
        if chars[i].isalpha() and chars[i + 1].isalpha() and rng.random() < rate:
            kind = rng.randrange(3)
            if kind == 0:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
            elif kind == 1:
                del chars[i]
            else:
                chars.insert(i, chars[i])
            i += 3
        i += 1
    return "".join(chars)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sentences(topic: Topic, rng: random.Random, low: int, high: int) -> list[str]:
    count = min(len(topic.facts), rng.randint(low, high))
    return rng.sample(topic.facts, count)


def compose_signal(
    *,
    topic: Topic,
    channel: str,
    kern: str | None,
    street: str,
    partner: str,
    department: str,
    rng: random.Random,
) -> str:
    """Write one signal the way it would arrive through `channel` (an intake.Channel value).

    `kern` is None when the writer does not name the village; the fragments then read
    "het dorp" instead.
    """
    kern_text = kern or rng.choice(("het dorp", "ons dorp", "hier"))
    place = rng.choice(texts.PLACES)
    values = {"kern": kern_text, "street": street, "place": place, "partner": partner}
    offer = rng.choice(topic.offers) if topic.offers and rng.random() < 0.4 else ""

    if channel == "social_media":
        line = rng.choice(topic.complaints)
        text = rng.choice(texts.SOCIAL_PREFIXES) + line + rng.choice(texts.SOCIAL_SUFFIXES)
        text = fill(text, **values)
        if rng.random() < 0.3:
            text = text.lower()
        return add_typos(text, rng, 0.04)
    if channel == "web":
        parts = [rng.choice(texts.WEB_OPENERS), *_sentences(topic, rng, 1, 3)]
        if offer:
            parts.append(offer)
        parts.append(rng.choice(texts.WEB_CLOSERS))
        text = fill(" ".join(p for p in parts if p), **values)
        return add_typos(text, rng, 0.015) if rng.random() < 0.5 else text
    if channel == "email":
        body = " ".join(_sentences(topic, rng, 2, 3))
        middle = rng.choice(texts.EMAIL_MIDDLES)
        paragraphs = [
            rng.choice(texts.EMAIL_OPENERS),
            body + (" " + middle if middle else ""),
            offer,
            rng.choice(texts.EMAIL_CLOSERS),
        ]
        return fill("\n\n".join(p for p in paragraphs if p), **values)
    if channel == "phone":
        text = (
            f"Telefoonnotitie: {rng.choice(texts.PHONE_CALLERS).lower()} uit {kern_text} belt "
            f"over {topic.note}. Geeft aan: {_lower_first(rng.choice(topic.facts))} "
            f"{rng.choice(texts.PHONE_ENDINGS)}"
        )
        return fill(text, **values)
    if channel == "council":
        questions = [texts.COUNCIL_QUESTIONS[0], *rng.sample(texts.COUNCIL_QUESTIONS[1:], 2)]
        numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(questions, start=1))
        text = (
            f"Schriftelijke vragen van de fractie {rng.choice(texts.COUNCIL_PARTIES)} "
            f"(artikel 40 Reglement van orde).\n\n{rng.choice(topic.facts)} Inwoners hebben "
            f"ons hierover benaderd.\n\n{numbered}"
        )
        return fill(fill(text, note=topic.note), **values)
    if channel == "partner":
        parts = [
            rng.choice(texts.PARTNER_OPENERS),
            *_sentences(topic, rng, 1, 2),
            offer,
            rng.choice(texts.PARTNER_CLOSERS),
        ]
        return fill(" ".join(p for p in parts if p), **values)
    if channel == "department":
        text = rng.choice(texts.DEPARTMENT_PREFIXES) + rng.choice(topic.facts)
        return fill(text + f" Ter info vanuit {department}.", **values)
    if channel == "conversation":
        parts = [
            rng.choice(texts.CONVERSATION_OPENERS),
            f"Bewoners beginnen over {topic.note}.",
            f"Een bewoner: “{rng.choice(topic.facts)}”",
            offer or rng.choice(texts.CONVERSATION_ENERGY),
        ]
        return fill(" ".join(parts), **values)
    # Channel.OTHER and anything new.
    return fill(rng.choice(texts.OTHER_PREFIXES) + rng.choice(topic.facts), **values)
