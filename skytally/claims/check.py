"""Check an article: find its claims and give each a verdict against the ledger, with evidence.

:func:`check_article` is pure: it receives the text and the attacks (the reconciled ledger's and
the dataset's alone) and returns a :class:`CheckResult`. The CLI and the web API read files and
pages, open the store, and call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from skytally.claims import _ledger_values as lv
from skytally.claims._gaps import find_missing_rows
from skytally.claims._text import detect_language
from skytally.claims.extract import extract_claims
from skytally.claims.lexicon import load_lexicon
from skytally.claims.model import CheckedClaim, CheckResult, Claim, Verdict
from skytally.claims.verdict import (
    MISSING_ROW_GAP,
    SOURCE_NAMES,
    combine,
    holds,
    holds_percent,
    not_checkable,
)
from skytally.context.events import Event, load_events
from skytally.context.measures import has_unknown_count
from skytally.context.regions import RegionMap, load_region_map
from skytally.errors import DataError
from skytally.ledger.model import Attack
from skytally.ledger.taxonomy import load_taxonomy

# An article is a few thousand words; anything far longer is not one, and reading it would cost
# time and memory for nothing. Refused before any parsing.
MAX_CHARS = 200_000


def check_article(
    text: str,
    *,
    attacks: Sequence[Attack],
    dataset_attacks: Sequence[Attack],
    lang: str | None = None,
    published: date | None = None,
    events: Sequence[Event] | None = None,
    region_map: RegionMap | None = None,
) -> CheckResult:
    """Return every claim of an article with its verdict, reason, ledger value and evidence.

    Args:
        text: the article's plain text (quotes and offsets refer to it).
        attacks: the ledger's attacks (the Air Force's report where stored, else the dataset).
        dataset_attacks: the dataset's attacks alone, to tell when the sources disagree.
        lang: fr, en or uk; detected from the text when None.
        published: the publication date, against which "overnight" or "on Sunday" are resolved.
        events: the named events "since ..." may refer to (default: events.csv).

    Raises:
        DataError: the text is longer than MAX_CHARS, or not text.
    """
    if len(text) > MAX_CHARS:
        raise DataError(
            f"the article is {len(text):,} characters long, over the {MAX_CHARS:,} an article can be: "
            "give the article's text alone"
        )
    if "\x00" in text:
        raise DataError("the input holds NUL bytes: it is binary, not an article's text")
    lang = lang or detect_language(text)
    lexicon = load_lexicon(lang)
    timeline = _shipped_events() if events is None else tuple(events)
    found = extract_claims(
        text,
        lexicon,
        published=published,
        taxonomy=load_taxonomy(),
        region_map=region_map or load_region_map(),
        events={e.id: e for e in timeline},
    )
    checker = _Checker(attacks, dataset_attacks, region_map or load_region_map(), found.claims)
    checked = tuple(CheckedClaim(c, checker.judge(c)) for c in found.claims)
    return CheckResult(lang, published, found.attack_date, checked)


@cache
def _shipped_events() -> tuple[Event, ...]:
    """The shipped events, parsed once per process (a check should not re-read a data file)."""
    return tuple(load_events())


class _Checker:
    """Judges claims; holds the two lists of attacks and the article's own Air Force figures."""

    def __init__(
        self, attacks: Sequence[Attack], dataset: Sequence[Attack], region_map: RegionMap, claims: Sequence[Claim]
    ) -> None:
        self.attacks = lv.index_of(attacks)
        self.dataset = lv.index_of(dataset)
        self.region_map = region_map
        self.attributed = any(c.attributed_to == "air_force" for c in claims)
        self.missing = find_missing_rows(claims, self.dataset, load_taxonomy())
        self.overrides: dict[date, dict[str, int]] = {}
        # A night whose own figures do not add up gets no benefit of the doubt for a missing row.
        self.inconsistent = {
            c.night
            for c in claims
            if c.assertion.get("arithmetic") and sum(c.claimed["parts"].values()) != c.claimed["value"]
        }
        # The article's own counts, read first: a rank or sum may depend on them (docs/claims.md).
        for claim in claims:
            if claim.kind in ("count", "total") and not claim.unreadable and not claim.assertion.get("arithmetic"):
                self._note_override(claim)

    def judge(self, claim: Claim) -> Verdict:
        """Return the verdict of one claim."""
        if claim.unreadable:
            return not_checkable(claim.unreadable)
        night = claim.night
        if night is None:
            return not_checkable("the night cannot be resolved: no date in the text and no publication date")
        attack = self.attacks.night(night)
        if attack is None and claim.kind == "sum":
            return self._judge_sum(claim, None)
        if attack is None:
            return not_checkable(
                f"the ledger has no attack that ended on {night.isoformat()} (the data may not cover it yet)"
            )
        judge = getattr(self, f"_judge_{claim.kind}")
        return judge(claim, attack)

    # -- sources -------------------------------------------------------------------------
    def _sources(self, night: date) -> dict[str, lv.AttackIndex]:
        ledger = self.attacks.night(night)
        data = self.dataset.night(night)
        if ledger is not None and data is not None and ledger.source != "dataset":
            return {"report": self.attacks, "dataset": self.dataset}
        sources = {"dataset": self.attacks}
        if night in self.overrides and ledger is not None:
            counts = self.overrides[night]
            alt = replace(
                ledger, drones=counts.get("drones", ledger.drones), missiles=counts.get("missiles", ledger.missiles)
            )
            sources["article"] = lv.with_attack(self.attacks, alt)
        return sources

    def _note_override(self, claim: Claim) -> None:
        night, measure = claim.night, claim.claimed.get("measure")
        if night is None or measure not in ("drones", "missiles") or claim.claimed.get("hedge") != "exact":
            return
        ledger = self.attacks.night(night)
        if ledger is None or ledger.source != "dataset" or not self.attributed or night in self.inconsistent:
            return
        value = lv.value_of(ledger, measure)
        if self._unverified_air_force_figure(claim, value) or self.missing.explains(
            night, measure, claim.claimed["value"], value
        ):
            self.overrides.setdefault(night, {})[measure] = claim.claimed["value"]

    # -- counts --------------------------------------------------------------------------
    def _judge_count(self, claim: Claim, attack: Attack) -> Verdict:
        return self._judge_figure(claim, attack, lv.value_of, "launched")

    def _judge_total(self, claim: Claim, attack: Attack) -> Verdict:
        if claim.assertion.get("arithmetic"):
            parts = claim.claimed["parts"]
            total = sum(parts.values())
            evidence = {"parts": parts, "attacks": [attack.id]}
            if total == claim.claimed["value"]:
                return Verdict(
                    "supported",
                    f"the article's figures add up: {parts['drones']} + {parts['missiles']} = {total}",
                    attack.total,
                    evidence,
                )
            return Verdict(
                "contradicted",
                f"the article's figures do not add up: {parts['drones']} + {parts['missiles']} = {total}, "
                f"not {claim.claimed['value']}",
                attack.total,
                evidence,
            )
        return self._judge_figure(claim, attack, lv.value_of, "launched")

    def _judge_shot_down(self, claim: Claim, attack: Attack) -> Verdict:
        if claim.assertion.get("lost_only"):
            return self._judge_figure(claim, attack, lv.lost_of, "lost to electronic warfare")
        return self._judge_figure(claim, attack, lv.destroyed_of, "shot down or suppressed")

    def _judge_figure(self, claim: Claim, attack: Attack, value_fn: Any, verb: str) -> Verdict:
        measure, claimed, hedge = claim.claimed["measure"], claim.claimed["value"], claim.claimed["hedge"]
        value = value_fn(attack, measure)
        data_attack = self.dataset.night(attack.date)
        data_value = value_fn(data_attack, measure) if data_attack else None
        label = _measure_label(measure)
        evidence = {
            "attacks": [attack.id],
            "rows": lv.rows_of(attack, measure),
            "query": f"skytally show {attack.date.isoformat()}",
            "sources": {"ledger": value, "dataset": data_value},
            "ledger_source": attack.source,
        }
        from_report = attack.source != "dataset"
        where = SOURCE_NAMES["report"] if from_report else SOURCE_NAMES["dataset"]
        gap = _gap_note(attack, data_attack, measure, data_value) if from_report and data_value != value else ""
        if holds(value, claimed, hedge):
            return Verdict("supported", f"{value} {label} {verb} in {where}{gap}", value, evidence)
        if data_value is not None and from_report and holds(data_value, claimed, hedge):
            return Verdict(
                "depends_on_source",
                f"{data_value} {label} in the dataset, {value} in the Air Force's report{gap}",
                value,
                evidence,
            )
        if measure.startswith("model:") and lv.model_shared(attack, measure.removeprefix("model:")):
            return not_checkable(
                f"the dataset counts {label} together with another model that night: its own count is not known",
                evidence,
            )
        if measure.startswith("model:") and claimed < value and _is_drone_model(attack, measure):
            return not_checkable(
                f"the dataset counts {value} {label}, strike drones and decoys in one figure: "
                f"{claimed} of one type cannot be told from it",
                evidence,
            )
        if claim.kind == "shot_down" and not claim.assertion.get("lost_only"):
            lost = lv.lost_of(attack, measure)
            if lost and holds(value + lost, claimed, hedge):
                reason = f"{value} {label} shot down and {lost} lost to electronic warfare in {where}"
                if claim.assertion.get("suppressed_too"):
                    return Verdict("supported", f"{value + lost} = {reason}", value + lost, evidence)
                return not_checkable(f"holds only if the figure counts those lost to jamming too: {reason}", evidence)
        if not from_report and self.missing.lacks_model(attack.date, measure):
            return not_checkable(
                f"the dataset has no row for {label} that night: a row may be missing "
                "(`skytally report add` settles it)",
                evidence,
            )
        if not from_report and hedge == "exact" and self.missing.explains(attack.date, measure, claimed, value):
            return not_checkable(
                f"the dataset has {value} {label}; the difference is within the "
                f"{sum(self.missing.models.get(attack.date, {}).values())} the article gives for a model the dataset "
                "has no row for that night (`skytally report add` settles it)",
                evidence,
            )
        if not from_report and claimed > value and hedge in ("exact", "at_least", "more_than", "nearly", "about"):
            if has_unknown_count(attack, measure):
                return not_checkable(
                    f"the dataset has {value} {label}, a lower bound: a row of this night has no launched count",
                    evidence,
                )
            if self._unverified_air_force_figure(claim, value):
                return not_checkable(
                    f"the dataset has {value} {label}; the article gives {claimed} as the Air Force's figure, and "
                    "no report is stored for this night to tell whether the dataset misses a row "
                    "(`skytally report add` settles it)",
                    evidence,
                )
        return Verdict("contradicted", f"{where} has {value} {label} {verb}{gap}", value, evidence)

    def _unverified_air_force_figure(self, claim: Claim, value: int) -> bool:
        """Whether a count a little above the dataset's may be the Air Force's figure for a missing row.

        The one gap the dataset is known to have: a missile model's row missing from a night (the
        4 Kinzhal of 21 Aug 2025). It raises the launched missiles, and the total, by the size of
        one row; shot-down counts and drone counts are not explained by it.
        """
        measure = claim.claimed["measure"]
        missiles = measure in ("missiles", "total") or measure.endswith("_missile") or measure.startswith("model:")
        return (
            claim.kind in ("count", "total")
            and missiles
            and self.attributed
            and claim.claimed["hedge"] == "exact"
            and claim.night not in self.inconsistent
            and 0 < claim.claimed["value"] - value <= MISSING_ROW_GAP
        )

    def _judge_share(self, claim: Claim, attack: Attack) -> Verdict:
        measure = claim.assertion["measure"]
        launched, destroyed = lv.value_of(attack, measure), lv.destroyed_of(attack, measure)
        if not launched:
            return not_checkable(f"no {_measure_label(measure)} launched that night in the ledger")
        lost = lv.lost_of(attack, measure)
        evidence = {
            "attacks": [attack.id],
            "launched": launched,
            "destroyed": destroyed,
            "lost_to_ew": lost,
            "query": f"skytally show {attack.date}",
        }

        def ok(count: int) -> bool:
            rate = 100 * count / launched
            if "share_above" in claim.assertion:
                return rate > 100 * claim.assertion["share_above"]
            return holds_percent(rate, claim.claimed["percent"], claim.claimed["hedge"])

        rate = 100 * destroyed / launched
        reason = f"{destroyed} of {launched} {_measure_label(measure)} shot down: {rate:.1f} %"
        if ok(destroyed):
            return Verdict("supported", reason, round(rate, 1), evidence)
        if lost and ok(destroyed + lost):
            both = 100 * (destroyed + lost) / launched
            reason += f"; {both:.1f} % with the {lost} lost to electronic warfare"
            if claim.assertion.get("suppressed_too"):
                return Verdict("supported", reason, round(both, 1), evidence)
            return not_checkable(f"holds only if jammed weapons count too: {reason}", evidence)
        return Verdict("contradicted", reason, round(rate, 1), evidence)

    # -- comparisons over several nights ---------------------------------------------------------
    def _judge_rank(self, claim: Claim, attack: Attack) -> Verdict:
        measure, claimed, scope = claim.assertion["measure"], claim.assertion["rank"], claim.assertion["scope"]
        first = {"year": date(attack.date.year, 1, 1), "month": attack.date.replace(day=1), "all_time": None}[scope]
        outcomes: dict[str, tuple[bool, Any]] = {}
        above_ids: list[str] = []
        for name, attacks in self._sources(attack.date).items():
            night = attacks.night(attack.date)
            assert night is not None
            rank, tied, above = lv.rank_in(attacks, night, measure, first)
            outcomes[name] = (rank <= claimed <= rank + tied, rank)
            above_ids = above_ids or [f"{a.id}: {lv.value_of(a, measure)}" for a in above]
        scope_text = {
            "year": f"of {attack.date.year}",
            "month": f"of {attack.date:%B %Y}",
            "all_time": "since the data start",
        }[scope]
        evidence = {
            "attacks_above": above_ids,
            "query": f"skytally attacks --sort {measure} --until {attack.date.isoformat()}"
            + (f" --since {first.isoformat()}" if first else ""),
        }
        return combine(
            outcomes,
            describe=lambda r: f"rank {r}",
            what=f"by {_measure_label(measure)} {scope_text}",
            evidence=evidence,
            primary=next(iter(outcomes)),
        )

    def _judge_record(self, claim: Claim, attack: Attack) -> Verdict:
        measure, since = claim.assertion["measure"], claim.assertion["since"]
        outcomes: dict[str, tuple[bool, Any]] = {}
        for name, attacks in self._sources(attack.date).items():
            night = attacks.night(attack.date)
            assert night is not None
            larger = lv.last_larger(attacks, night, measure)
            when = larger.date if larger else None
            ok = larger is None if since is None else when is None or when <= date.fromisoformat(since["to"])
            value = f"{larger.date.isoformat()} ({lv.value_of(larger, measure)})" if larger else "none in the data"
            outcomes[name] = (ok, value)
        evidence = {"query": f"skytally attacks --sort {measure} --until {attack.date.isoformat()}"}
        if claim.assertion.get("bare") and not all(ok for ok, _ in outcomes.values()):
            larger = "; ".join(f"last larger attack {v}" for _, v in outcomes.values())
            return not_checkable(
                f"not the all-time record ({larger}), and the sentence names no period the record is of",
                evidence,
            )
        return combine(
            outcomes,
            describe=lambda v: f"last larger attack {v}",
            what=f"largest by {_measure_label(measure)} ({lv.value_of(attack, measure)})",
            evidence=evidence,
            primary=next(iter(outcomes)),
        )

    def _judge_sum(self, claim: Claim, attack: Attack | None) -> Verdict:
        window = claim.assertion["window"]
        measure, claimed, hedge = claim.claimed["measure"], claim.claimed["value"], claim.claimed["hedge"]
        first, last = date.fromisoformat(window["first"]), date.fromisoformat(window["last"])
        outcomes: dict[str, tuple[bool, Any]] = {}
        listed: list[str] = []
        covered = self.attacks.last_date
        if covered is None or last > covered:
            return not_checkable(f"the ledger's data end on {covered}: the window to {last} is not covered yet")
        sources = self._sources(attack.date) if attack is not None else {"dataset": self.attacks}
        for name, index in sources.items():
            chosen = lv.window_between(index, first, last, upto=index.night(attack.date) if attack else None)
            total = sum(lv.value_of(a, measure) for a in chosen)
            outcomes[name] = (holds(total, claimed, hedge), total)
            listed = listed or [f"{a.id}: {lv.value_of(a, measure)}" for a in chosen]
        evidence = {
            "attacks": listed,
            "query": f"skytally attacks --since {first.isoformat()} --until {last.isoformat()}",
        }
        return combine(
            outcomes,
            describe=str,
            what=f"{_measure_label(measure)} from {first.isoformat()} to {last.isoformat()}",
            evidence=evidence,
            primary=next(iter(outcomes)),
        )

    def _judge_region(self, claim: Claim, attack: Attack) -> Verdict:
        affected = attack.affected_regions
        evidence = {"affected_regions": list(affected), "attacks": [attack.id], "query": f"skytally show {attack.date}"}
        if not affected:
            return not_checkable("the ledger lists no affected regions for this attack", evidence)
        oblasts = [o for name in affected if (o := self.region_map.oblast(name)) is not None]
        if not oblasts:
            return not_checkable(f"the ledger names no region for this attack, only {', '.join(affected)}", evidence)
        macros = {o.macro for o in oblasts}
        known = {o.id for o in oblasts}
        # Kyiv the city and the Kyiv region are told apart by the dataset, not always by articles.
        if known & {"Kyiv", "Kyiv oblast"}:
            known |= {"Kyiv", "Kyiv oblast"}
        missing = [m for m in claim.assertion["macro_regions"] if m not in macros]
        missing += [o for o in claim.assertion["oblasts"] if o not in known]
        cities = [c for c in claim.assertion.get("cities", []) if c not in known]
        listed = ", ".join(affected)
        named = len(claim.assertion["macro_regions"]) + len(claim.assertion["oblasts"])
        if missing and len(missing) == named:
            return Verdict(
                "contradicted",
                f"not among the regions the dataset lists ({listed}): {', '.join(missing)}",
                list(affected),
                evidence,
            )
        if missing:
            # Some named regions are listed, others not: the dataset's list may be partial.
            return not_checkable(
                f"the dataset lists {listed}; not {', '.join(missing)} (its list of regions struck may be partial)",
                evidence,
            )
        if cities and not claim.assertion["macro_regions"] and not claim.assertion["oblasts"]:
            return not_checkable(
                f"the dataset lists regions ({listed}), not towns: {', '.join(cities)} is not among them",
                evidence,
            )
        return Verdict("supported", f"the dataset lists {listed}", list(affected), evidence)


def _is_drone_model(attack: Attack, measure: str) -> bool:
    model = measure.removeprefix("model:")
    return any(f.category == "drone" and f.model == model for f in attack.figures)


def _measure_label(measure: str) -> str:
    if measure.startswith("model:"):
        return measure.removeprefix("model:")
    return {"total": "drones and missiles"}.get(measure, measure.replace("_", " ") + ("s" if "_" in measure else ""))


def _gap_note(attack: Attack, data_attack: Attack | None, measure: str, data_value: int | None) -> str:
    """Say what the dataset lacks when the report has more (the 21 Aug 2025 Kinzhal)."""
    if data_attack is None:
        return "; the dataset has no attack that night"
    short = []
    for weapon_class, count in attack.launched_by_class.items():
        gap = count - data_attack.launched_by_class.get(weapon_class, 0)
        if gap > 0:
            models = sorted({f.model for f in attack.figures if f.weapon_class == weapon_class})
            short.append(f"{gap} {weapon_class.replace('_', ' ')} ({', '.join(models)})")
    note = f"; the dataset alone has {data_value} {_measure_label(measure)}"
    return note + (f", short of {'; '.join(short)}" if short else "")
