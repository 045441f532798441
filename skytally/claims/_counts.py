"""Numbers and what they count in a sentence: the measure after a number, its hedge, its verb.

"574 drones d'attaque", "19 крилатих ракет Х-101", "four Kinzhal hypersonic missiles": the words
after a number name what it counts (a lexicon measure, a class, or a taxonomy model); the words
before it its hedge ("près de"); the verb of its clause whether it was launched, shot down, lost
to jamming or hit a target; "747 of the 810 drones" a part and its whole.
"""

from __future__ import annotations

import re

from skytally.claims._text import Number, find_numbers, find_phrase, has_phrase
from skytally.claims.lexicon import Lexicon
from skytally.ledger.taxonomy import Taxonomy

# "747 of the 810 drones", "747 із 810 дронів", "4 sur les 13 missiles": a part and its whole.
_OF_WORDS = r"(?:out of|of|sur|des|з|із|зі)\s+(?:the\s+|les\s+)?"
_OF_WHOLE = re.compile(r"(\w+)\s+" + _OF_WORDS + r"$")
OF_PART = re.compile(r"\s+" + _OF_WORDS)


def is_whole(low: str, start: int, lexicon: Lexicon) -> bool:
    """Whether the number at ``start`` is the whole of "747 of the 810", "quatre des 13"."""
    match = _OF_WHOLE.search(low, max(0, start - 30), start)
    return match is not None and (match.group(1).isdigit() or match.group(1) in lexicon.numbers)


_HEDGE_ORDER = ("nearly", "more_than", "about", "at_least", "up_to")


def count_spots(low: str, lexicon: Lexicon, taxonomy: Taxonomy) -> list[tuple[Number, str, str]]:
    """Return (number, measure, hedge) for each number followed by what it counts."""
    spots = []
    for number in find_numbers(low, lexicon):
        if is_percent(low, number.end, lexicon):
            continue
        measure = _measure_after(low, number.end, lexicon, taxonomy)
        if measure is not None:
            hedge = hedge_before(low, number.start, lexicon)
            word = low[number.start : number.end].rstrip("s")
            if hedge == "exact" and number.words and word in lexicon.approximate_numbers:
                hedge = "about"  # "une douzaine", "a dozen", "десяток": approximate by nature
            spots.append((number, measure, hedge))
    return spots


def is_percent(low: str, end: int, lexicon: Lexicon) -> bool:
    """Whether a number is a percentage: "90%", "90 %", "90 pour cent", "90 відсотків"."""
    after = low[end : end + 14].lstrip(" \u00a0\u202f")
    return after.startswith("%") or any(after.startswith(p) for p in lexicon.phrases("percent") if p != "%")


def hedge_before(low: str, pos: int, lexicon: Lexicon) -> str:
    before = low[max(0, pos - 40) : pos].rstrip()
    best = ("exact", 0)
    for hedge in _HEDGE_ORDER:
        for phrase in lexicon.hedges.get(hedge, ()):
            if before.endswith(phrase) and len(phrase) > best[1]:
                start = len(before) - len(phrase)
                if start == 0 or not before[start - 1].isalnum():
                    best = (hedge, len(phrase))
    return best[0]


def _measure_after(low: str, pos: int, lexicon: Lexicon, taxonomy: Taxonomy) -> str | None:
    """Return the measure the words after a number name: total, drones, missiles, a class or a model."""
    rest = low[pos : pos + 90]
    rest = rest.replace("-", " ").replace("«", "").replace("»", "").replace('"', "")
    rest = rest.lstrip()
    for _ in range(3):
        best: tuple[int, str] | None = None
        for measure, phrases in lexicon.measures.items():
            for phrase in phrases:
                if rest.startswith(phrase) and _word_end(rest, phrase) and (best is None or len(phrase) > best[0]):
                    best = (len(phrase), measure)
        if best is not None:
            # "19 крилатих ракет Х-101", "7 ballistic missiles Iskander-M": the model named
            # right after the class is what the number counts.
            model = _model_after(rest[best[0] :], taxonomy, lexicon) if best[1] != "total" else None
            return model or best[1]
        # Fillers before models: "ударні БпЛА" is the taxonomy's alias of the Shahed, but an article
        # saying it means strike drones of any model.
        filler = max((f for f in lexicon.fillers if rest.startswith(f) and _word_end(rest, f)), key=len, default=None)
        if filler is None:
            return _model_at(rest, taxonomy, lexicon)
        rest = rest[len(filler) :].lstrip()
    return None


def _model_after(after: str, taxonomy: Taxonomy, lexicon: Lexicon) -> str | None:
    """Return a model named right after a class ("крилатих ракет Х-101", "cruise missiles Kalibr")."""
    after = re.sub(r"^\w*", "", after)  # the end of a stem ("крилат|их")
    nouns = {word for phrases in lexicon.measures.values() for phrase in phrases for word in phrase.split()}
    for _ in range(2):
        after = after.lstrip(" ,–—(")
        model = _model_at(after, taxonomy, lexicon)
        if model is not None:
            return model
        word = re.match(r"\w+", after)
        if word is None or not any(word.group().startswith(noun) for noun in nouns if len(noun) > 3):
            return None
        after = after[word.end() :]
    return None


def _word_end(rest: str, phrase: str) -> bool:
    after = rest[len(phrase) : len(phrase) + 1]
    stem = any("а" <= ch <= "я" or ch in "іїєґ" for ch in phrase)
    return after == "" or not after.isalnum() or stem


def _model_at(rest: str, taxonomy: Taxonomy, lexicon: Lexicon) -> str | None:
    words = re.findall(r"[\w/.]+", rest[:40])[:3]
    for n in (2, 1):
        if len(words) < n:
            continue
        name = " ".join(words[:n]).strip(".")
        candidates = [name, name.replace(" ", "-")] if n == 2 else [name]
        if lexicon.lang == "uk":
            candidates += [name[:-k] for k in (1, 2, 3) if len(name) - k >= 4]
        for candidate in candidates:
            model = taxonomy.lookup(candidate)
            if model is not None and model.weapon_class and not any(ch.isdigit() for ch in candidate[:1]):
                return f"model:{model.id}"
    return None


def _verbs(low: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """Return (position, "shot" | "launch") of every launch and shot-down verb of a sentence."""
    found = []
    for kind, key in (("shot", "shot_down"), ("launch", "launch")):
        for phrase in lexicon.phrases(key):
            for match in re.finditer(re.escape(phrase), low):
                if match.start() == 0 or not low[match.start() - 1].isalnum():
                    found.append((match.start(), kind))
    return sorted(found)


def governed_by_shot_down(low: str, number: Number, lexicon: Lexicon, no_launch_verb: bool) -> bool:
    """Whether a number counts weapons shot down rather than launched.

    The verb of its own clause decides: the first verb after it before a comma ("of which 563
    drones were shot down"), else the last verb before it ("launched 598 drones"; "abattu 102
    missiles"). With no launch verb at all, any shot-down verb decides.
    """
    if no_launch_verb:
        return True
    verbs = _verbs(low, lexicon)
    after = [(p, k) for p, k in verbs if p >= number.end]
    between = low[number.end : after[0][0]] if after else ""
    # "747 drones sur les 810 lancés": the verb after the whole governs the whole, not the part.
    of_whole = re.search(r"\s" + _OF_WORDS + r"\d", between)
    if after and not re.search(r"[,;:()]", between) and not of_whole:
        return after[0][1] == "shot"
    before = [(p, k) for p, k in verbs if p < number.start]
    return bool(before) and before[-1][1] == "shot"


def is_hit(low: str, number: Number, lexicon: Lexicon) -> bool:
    """Whether a number counts hits: "влучання 5 ракет", "20 drones hit their targets"."""
    hit = find_phrase(low, lexicon.phrases("hits"))
    return hit is not None and (number.start >= hit[0] or hit[0] - number.end <= 30)


def is_lost(low: str, number: Number, lexicon: Lexicon) -> bool:
    """Whether a number counts weapons lost to jamming: "258 drones were lost", "ще 169 локаційно втрачено".

    The lost phrase follows the number in its clause (no shot-down verb between), or ends just
    before it.
    """
    lost = lexicon.phrases("lost")
    after = re.split(r"[;,:]|\s(?:and|et|та|і|й)\s", low[number.end : number.end + 50])[0]
    hit = find_phrase(after, lost)
    if hit is not None and not has_phrase(after[: hit[0]], lexicon.phrases("shot_down")):
        return True
    before = low[max(0, number.start - 28) : number.start]
    return any(before.rstrip().endswith(p) or before.rstrip().endswith(p + " ще") for p in lost)
