"""Text helpers of the claim checker: sentences with offsets, numbers, phrase search, language.

Pure string work, no ledger: every function takes text and returns spans, so a claim's quote is
always ``text[start:end]`` of the article as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from skytally.claims.lexicon import Lexicon

# A sentence ends at . ! ? or … followed by space, or at a blank line; not after an initial or a
# title ("M. Zelensky", "Mr. Trump"), nor inside a number ("1.000").
_END = re.compile(r"[.!?…]+[\"»”’)]*(?=\s)|\n\s*\n")
_ABBREV = {"m", "mr", "mrs", "ms", "mme", "dr", "st", "gen", "lt", "col", "prof", "no", "vs", "etc", "р", "ім", "вул"}
# Month abbreviations of wire copy ("Aug. 21", "Sept. 7", "janv. 2025"): no sentence ends there.
_ABBREV |= {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_ABBREV |= {"janv", "févr", "avr", "juil", "déc", "тис", "трав", "лип", "серп", "верес", "жовт", "лист", "груд"}
# 1 000 / 1 000 (no-break spaces) / 1,000 / 1.000 / 614; a decimal comma or point after a whole part.
# Not a time ("09:00", "18:00"): a digit group next to a colon is skipped.
# At most three thousands groups and nine plain digits: a figure of the ledger, never a run of digits.
# Not part of a model's name ("Kh-101", "Х-59", "S-300").
NUMBER = re.compile(
    r"(?<![\w.,:])(?<!\w-)(\d{1,3}(?:[ \u00a0\u202f.,]\d{3}){1,3}|\d{1,9})(?:[.,](\d{1,2})(?!\d))?(?![\w]|:\d)"
)
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article and its character span."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of a text, each with its exact span (whitespace trimmed).

    >>> [s.text for s in split_sentences("M. Zelensky a parlé. 1.000 drones ont volé !")]
    ['M. Zelensky a parlé.', '1.000 drones ont volé !']
    """
    sentences: list[Sentence] = []
    begin = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith((".",)) and _is_abbreviation(text, match.start()):
            continue
        _add(text, begin, end, sentences)
        begin = end
    _add(text, begin, len(text), sentences)
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"(\w+)$", text[max(0, dot - 6) : dot])
    return word is not None and (
        word.group(1).lower() in _ABBREV or (len(word.group(1)) == 1 and word.group(1).isupper())
    )


def _add(text: str, begin: int, end: int, out: list[Sentence]) -> None:
    chunk = text[begin:end]
    stripped = chunk.strip()
    if stripped:
        start = begin + chunk.index(stripped)
        out.append(Sentence(stripped, start, start + len(stripped)))


def parse_number(digits: str) -> int:
    """Return the whole number a digit group spells, thousands separators removed.

    >>> parse_number("1 000"), parse_number("1,000"), parse_number("1.000"), parse_number("614")
    (1000, 1000, 1000, 614)
    """
    return int(re.sub(r"[ \u00a0\u202f.,]", "", digits))


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a sentence: its value, span (relative to the sentence) and if it is a percent."""

    value: float
    start: int
    end: int
    words: bool = False


def find_numbers(sentence: str, lexicon: Lexicon) -> list[Number]:
    """Return the numbers of a sentence, in digits or in words ("mille", "a dozen", "сто").

    >>> from skytally.claims.lexicon import load_lexicon
    >>> [n.value for n in find_numbers("près de 1 000 drones et quatre missiles", load_lexicon("fr"))]
    [1000, 4]
    """
    found: list[Number] = []
    for match in NUMBER.finditer(sentence):
        value: float = parse_number(match.group(1))
        if match.group(2):
            value = float(f"{value}.{match.group(2)}")
        found.append(Number(value, match.start(), match.end()))
    taken = [(n.start, n.end) for n in found]
    for match in _WORD.finditer(sentence):
        word = match.group().lower().strip("'’-")
        value = lexicon.numbers.get(word)
        if value is None or any(s <= match.start() < e for s, e in taken):
            continue
        found.append(Number(value, match.start(), match.end(), True))
    return _with_multipliers(sorted(found, key=lambda n: n.start), sentence, lexicon)


def _with_multipliers(found: list[Number], sentence: str, lexicon: Lexicon) -> list[Number]:
    """Join "deux mille", "two thousand", "2 тисячі", "1,5 тис." into one number."""
    thousands = lexicon.phrases("thousand_words")
    out: list[Number] = []
    for number in found:
        prev = out[-1] if out else None
        gap = sentence[prev.end : number.start] if prev else ""
        joins = prev is not None and number.words and number.value in (100, 1000) and gap.strip() == ""
        if joins and prev is not None and prev.value < number.value:
            out[-1] = Number(prev.value * number.value, prev.start, number.end, prev.words)
            continue
        out.append(number)
    for words, factor in ((thousands, 1000), (lexicon.phrases("hundred_words"), 100)):
        if not words:
            continue
        joined = []
        for number in out:
            rest = sentence[number.end : number.end + 12].lower()
            stripped = rest.lstrip()
            word = next((w for w in words if stripped.startswith(w)), None)
            if word is not None and number.value < factor and stripped is not rest:
                end = number.end + (len(rest) - len(stripped)) + len(word)
                while end < len(sentence) and sentence[end].isalpha():
                    end += 1
                number = Number(round(number.value * factor), number.start, end, number.words)
            joined.append(number)
        out = joined
    return out


def find_phrase(haystack: str, phrases: tuple[str, ...] | list[str], *, start: int = 0) -> tuple[int, str] | None:
    """Return (position, phrase) of the first phrase found at a word start in a lower-cased text.

    At one position the longest phrase wins. Plain ``str.find`` (no regex): compiling a pattern
    per phrase and sentence was most of a check's time.

    >>> find_phrase("ils ont abattu la plupart des drones", ("drones", "la plupart", "plupart"))
    (15, 'la plupart')
    """
    best: tuple[int, str] | None = None
    for phrase in phrases:
        pos = haystack.find(phrase, start)
        word_start = phrase[:1].isalnum()
        while pos >= 0 and word_start and pos > 0 and haystack[pos - 1].isalnum():
            pos = haystack.find(phrase, pos + 1)
        if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and len(phrase) > len(best[1]))):
            best = (pos, phrase)
    return best


def has_phrase(haystack: str, phrases: tuple[str, ...] | list[str]) -> bool:
    """Whether any phrase stands at a word start in a lower-cased text."""
    return find_phrase(haystack, phrases) is not None


def starts_with_phrase(haystack: str, phrases: tuple[str, ...] | list[str]) -> str | None:
    """Return the longest phrase a lower-cased text starts with (at a word end), or None."""
    best = None
    for phrase in phrases:
        if haystack.startswith(phrase):
            after = haystack[len(phrase) : len(phrase) + 1]
            if (after == "" or not after.isalnum() or not phrase[-1].isalnum() or _is_stem(phrase)) and (
                best is None or len(phrase) > len(best)
            ):
                best = phrase
    return best


def _is_stem(phrase: str) -> bool:
    # Ukrainian phrases are often stems (балістичн, крилат): they match any ending.
    return any("а" <= ch <= "я" or ch in "іїєґ" for ch in phrase)


def words_after(text: str, pos: int) -> Iterator[tuple[int, str]]:
    """Yield (position, word) of the words of a text from a position on, until a clause break."""
    for match in _WORD.finditer(text, pos):
        between = text[pos : match.start()]
        if any(ch in between for ch in ";:()[]\n") or (",." and re.search(r"[,.](\s|$)", between)):
            return
        yield match.start(), match.group()
        pos = match.end()


def detect_language(text: str) -> str:
    """Return fr, en or uk for a text, from its script and its most common function words.

    >>> detect_language("Les drones ont été abattus dans la nuit"), detect_language("У ніч на 21 серпня")
    ('fr', 'uk')
    """
    sample = text[:20000]
    cyrillic = sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cyrillic > latin:
        return "uk"
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", sample.lower())
    fr = sum(w in {"le", "la", "les", "des", "et", "du", "une", "dans", "est", "ont", "selon", "depuis"} for w in words)
    en = sum(w in {"the", "and", "of", "in", "was", "were", "has", "said", "since", "overnight", "to"} for w in words)
    return "fr" if fr > en else "en"
