"""The morning watch: poll the Air Force's channel page, and publish each new report once, checked.

One pass (:meth:`Watcher.run_pass`):

1. read the page; a fault (timeout, HTTP error, changed structure) is logged once until it clears,
   and nothing else happens;
2. decide about each post not decided before: not a report (skipped), half read, dated wrongly or
   failing its own arithmetic (refused), an interim daytime update (held: the final follows),
   an earlier post of a day whose later report is on the page (stored for history, superseded),
   a text already in the store that the watch did not put there (refused), else stored;
3. turn each stored report into an item (new, or an update of the item of the same attack when
   it corrects an earlier report), and compare every item with the ledger when the ledger's
   sources changed (the dataset arriving, or disagreeing, or a manual correction): each change
   is stated in the item;
4. write what changed (bulletins, charts, items, feeds, the site) and run the --exec hook.

Each step is recorded in the watch's state before the next begins (see state.py), so a crash is
resumed at the next pass and nothing is published twice. The clock is injected (``clock``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shlex
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from skytally.ledger.api import Ledger, open_ledger
from skytally.ledger.model import Attack
from skytally.ledger.sources import StoredReport
from skytally.reports.channel import ChannelPost, PostReading
from skytally.watch import outputs
from skytally.watch.fetch import ChannelFault, fetch_posts
from skytally.watch.items import dataset_view, new_item, source_of, update_item
from skytally.watch.sanity import (
    MAX_AGE,
    check_arithmetic,
    check_dates,
    check_ledger_reading,
    is_correction,
    is_interim_update,
)
from skytally.watch.sanity import read_for_watch as read_post_for_watch
from skytally.watch.state import FINAL_STAGES, WatchState, copy_store

log = logging.getLogger("skytally.watch")
# An --exec hook that fails this many times for one revision of an item is given up on (logged).
EXEC_ATTEMPTS = 3
KIND_LABELS = {"national_morning_report": "report", "daytime_report": "daytime report"}


@dataclass(frozen=True)
class WatchOptions:
    """What to watch and where to publish; see `skytally watch --help` for each option."""

    url: str
    db_path: Path
    state_path: Path | None
    publish_dir: Path | None = None
    exec_cmd: str | None = None
    timeout: float = 20.0
    every: float = 300.0
    max_backoff: float = 3600.0
    base_url: str = ""
    exec_timeout: float = 60.0
    max_age: timedelta = MAX_AGE
    charts: bool = True
    site: bool = True
    versions: dict[str, str] = field(default_factory=dict)


@dataclass
class PassResult:
    """What one pass did: the fault if the page could not be read, and the decisions taken."""

    fault: str | None = None
    published: list[tuple[str, int]] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    held: list[int] = field(default_factory=list)
    superseded: list[int] = field(default_factory=list)
    execs: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


class Watcher:
    """Runs passes over the channel page; holds the HTTP client and the state between them."""

    def __init__(
        self,
        options: WatchOptions,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        dry_run: bool = False,
    ) -> None:
        import httpx

        self.clock = clock
        self.dry_run = dry_run
        self.state = WatchState.load(options.state_path)
        self.scratch: Path | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        if dry_run:
            # Write nothing real: the state stays in memory, the store is a copy, files go to a scratch folder.
            self.state.path = None
            self._scratch = tempfile.TemporaryDirectory(prefix="skytally-watch-dry-run-")
            self.scratch = Path(self._scratch.name)
            copy_store(options.db_path, self.scratch / "store.sqlite")
            publish_dir = None if options.publish_dir is None else self.scratch / "publish"
            options = replace(options, db_path=self.scratch / "store.sqlite", publish_dir=publish_dir)
        self.options = options
        self.client = httpx.Client(timeout=options.timeout, follow_redirects=True)
        self._why: dict[str, str] = {}

    def close(self) -> None:
        """Close the HTTP client and remove the dry run's scratch folder."""
        self.client.close()
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    # ------------------------------------------------------------------ the loop
    def run(
        self, *, once: bool = False, sleep: Callable[[float], None] = time.sleep, max_passes: int | None = None
    ) -> int:
        """Run passes until interrupted (or once); return the exit status (1: a pass failed unexpectedly).

        Without ``once``, the pause after a failed pass doubles each time (from ``every``, up to
        ``max_backoff``) and is back to ``every`` after a good one.
        """
        failures, passes, status = 0, 0, 0
        while True:
            try:
                result = self.run_pass()
                failures = failures + 1 if result.fault else 0
            except Exception as exc:  # a bug or a locked store must not end an unattended watch
                failures += 1
                status = 1
                self._report_fault("internal", f"the pass failed: {exc.__class__.__name__}: {exc}", exc)
            passes += 1
            if once or (max_passes is not None and passes >= max_passes):
                return status
            every = self.options.every
            sleep(every if failures == 0 else min(every * 2**failures, max(self.options.max_backoff, every)))

    # ------------------------------------------------------------------ one pass
    def run_pass(self) -> PassResult:
        """Read the page once and do everything it calls for (see the module docstring)."""
        result = PassResult()
        now = self.clock()
        try:
            posts = fetch_posts(self.client, self.options.url)
        except ChannelFault as fault:
            result.fault = str(fault)
            self._report_fault(fault.kind, str(fault))
            return result
        self._clear_fault()
        ledger = open_ledger(self.options.db_path)
        try:
            self._decide(ledger, posts, now, result)
            self._recheck(ledger, now)
            self._publish(ledger, now, result)
            self._deliver(ledger, result)
        finally:
            ledger.conn.close()
        return result

    # ------------------------------------------------------------------ 2. decide about posts
    def _decide(self, ledger: Ledger, posts: list[ChannelPost], now: datetime, result: PassResult) -> None:
        candidates: list[tuple[ChannelPost, PostReading, bool]] = []
        resume: list[ChannelPost] = []
        for post in posts:
            known = self.state.post(post.post_id)
            sha = _sha(post.text)
            if known is not None and known.get("sha") == sha:
                if known["stage"] not in FINAL_STAGES:
                    resume.append(post)
                continue
            if known is not None:
                log.info("post %s: its text was edited on the channel; read again", post.post_id)
            self._read(post, now, result, candidates)
        later = {}
        for post, reading, _ in candidates:
            assert reading.record is not None
            later[(reading.record.kind, reading.record.kyiv_date)] = post.post_id
        known_texts = {r.text_sha256: r for r in ledger.reports(active_only=False)}
        for post, reading, interim in candidates:
            assert reading.record is not None
            assert reading.parsed is not None
            day = reading.record.kyiv_date.isoformat()
            label = f"{day} {KIND_LABELS[reading.record.kind]} post {post.post_id}"
            last = later[(reading.record.kind, reading.record.kyiv_date)]
            if interim and last == post.post_id:
                self.state.set_post(post.post_id, stage="held", sha=_sha(post.text), date=day)
                result.held.append(post.post_id)
                log.info("%s: held: an interim daytime update; the day's final report will replace it", label)
                continue
            stored_before = known_texts.get(_sha(post.text))
            if stored_before is not None:
                reason = f"already stored as {stored_before.ref}, not by this watch: not published again"
                self._refuse(post, reason, result, label)
                continue
            self.state.set_post(post.post_id, stage="seen", sha=_sha(post.text), date=day)
            if last != post.post_id:
                stored, _, _ = ledger.add_report(reading.record)
                self.state.set_post(post.post_id, stage="superseded", report_id=stored.id, by=last)
                result.superseded.append(post.post_id)
                log.info("%s: not published: superseded by post %s of the same day (stored for history)", label, last)
                continue
            resume.append(post)
        for post in sorted(resume, key=lambda p: p.post_id):
            self._store(ledger, post, now)

    def _read(
        self,
        post: ChannelPost,
        now: datetime,
        result: PassResult,
        candidates: list[tuple[ChannelPost, PostReading, bool]],
    ) -> None:
        reading = read_post_for_watch(post)
        sha = _sha(post.text)
        if reading.outcome == "not_a_report":
            self.state.set_post(post.post_id, stage="skipped", sha=sha)
            log.info("post %s: skipped: not a report (an alert, a tracking post or another post)", post.post_id)
            return
        parsed = reading.parsed
        day = parsed.kyiv_date.isoformat() if parsed is not None and parsed.kyiv_date else "undated"
        kind = KIND_LABELS.get(parsed.kind, "post") if parsed is not None else "post"
        label = f"{day} {kind} post {post.post_id}"
        if reading.outcome == "refused":
            self._refuse(post, f"only half read: {reading.refusal}", result, label)
            return
        assert parsed is not None
        assert reading.record is not None
        reason = (
            check_dates(parsed, post.posted_at, now, max_age=self.options.max_age)
            or check_arithmetic(parsed)
            or check_ledger_reading(parsed, reading.record)
        )
        if reason is not None:
            self._refuse(post, reason, result, label)
            return
        candidates.append((post, reading, is_interim_update(parsed, post.text)))

    def _refuse(self, post: ChannelPost, reason: str, result: PassResult, label: str) -> None:
        self.state.set_post(post.post_id, stage="refused", sha=_sha(post.text), reason=reason)
        result.refused[post.post_id] = reason
        log.warning("%s: refused: %s", label, reason)

    # ------------------------------------------------------------------ 3. store, make items
    def _store(self, ledger: Ledger, post: ChannelPost, now: datetime) -> None:
        """Store a post that passed the checks (stage seen) and make or update its item (stage done)."""
        known = self.state.post(post.post_id) or {}
        if known.get("stage") == "seen":
            reading = read_post_for_watch(post)
            assert reading.record is not None
            stored, replaced, _ = ledger.add_report(reading.record)
            known = self.state.set_post(
                post.post_id,
                stage="stored",
                report_id=stored.id,
                replaced=replaced,
                correction=is_correction(post.text),
            )
        report = _report(ledger, known["report_id"])
        attack = _attack_of(ledger, report)
        label = f"{report.record.kyiv_date.isoformat()} {KIND_LABELS[report.record.kind]} post {post.post_id}"
        if attack is None:
            self.state.set_post(post.post_id, stage="refused", reason="stored, but the ledger makes no attack of it")
            log.error("%s: stored as %s, but the ledger makes no attack of it: not published", label, report.ref)
            return
        source = source_of(report, post, now, self._versions())
        dataset = self._dataset_view(ledger, attack)
        previous = set(known.get("replaced") or [])
        item = next(
            (i for i in self.state.items.values() if i["source"]["report_id"] in previous | {report.id}),
            self.state.items.get(attack.id),
        )
        if item is None:
            item = new_item(attack, report, source, dataset, now)
            self._why[attack.id] = f"{label}: published"
        else:
            self.state.items.pop(item["id"], None)
            changes = update_item(item, attack, report, source, dataset, now)
            what = "a corrected report" if known.get("correction") or previous else "a later report of the same day"
            self._why[attack.id] = f"{label}: updated (revision {item['revision']}: {what}; {_summary(changes)})"
        self.state.items[attack.id] = item
        self.state.ledger_mark = None  # compare every item with the ledger again
        self.state.set_post(post.post_id, stage="done", item=attack.id)

    def _recheck(self, ledger: Ledger, now: datetime) -> None:
        """Compare every item with the ledger when its sources changed since the last comparison."""
        if not self.state.items:
            return
        mark = _ledger_mark(ledger)
        if mark == self.state.ledger_mark:
            return
        reports = {r.id: r for r in ledger.reports(active_only=False)}
        for key, item in list(self.state.items.items()):
            report = reports.get(item["source"]["report_id"])
            while report is not None and report.replaced_by is not None:
                report = reports.get(report.replaced_by)
            attack = None if report is None else _attack_of(ledger, report)
            if attack is None or report is None:
                continue
            changes = update_item(item, attack, report, None, self._dataset_view(ledger, attack), now)
            if key != attack.id:
                self.state.items.pop(key)
                self.state.items[attack.id] = item
            if changes:
                post = item["source"].get("post_id")
                kind = KIND_LABELS[item["kind"]]
                self._why[attack.id] = (
                    f"{item['date']} {kind} post {post}: updated (revision {item['revision']}: {_summary(changes)})"
                )
        self.state.ledger_mark = mark
        self.state.save()

    def _dataset_view(self, ledger: Ledger, attack: Attack) -> dict[str, Any]:
        versions = ledger.versions()
        sha = next((v.sha256[:12] for v in versions if v.current), None)
        in_dataset = None
        if attack.row_ids:  # the ledger matched the report to the dataset's rows of that night
            in_dataset = next((a for a in ledger.dataset_attacks() if a.id == attack.id), None)
        return dataset_view(attack, in_dataset, sha)

    # ------------------------------------------------------------------ 4. publish, deliver
    def _publish(self, ledger: Ledger, now: datetime, result: PassResult) -> None:
        todo = [i for i in self.state.items.values() if i.get("rendered", 0) < i["revision"]]
        if not todo:
            return
        out_dir = self.options.publish_dir
        attacks = ledger.attacks()
        by_id = {a.id: a for a in attacks}
        lines = []
        for item in todo:
            attack = by_id.get(item["id"])
            if attack is None:
                continue
            why = self._why.pop(item["id"], f"{item['date']} post {item['source'].get('post_id')}: published (resumed)")
            if out_dir is None:
                lines.append(f"{why} (stored; nothing written: no --publish DIR)")
            else:
                rendered = outputs.write_item(out_dir, attacks, attack, item, charts=self.options.charts)
                result.files += rendered.files
                lines.append((why, [*rendered.parts, "feeds"]))
            item["rendered"] = item["revision"]
            result.published.append((item["id"], item["revision"]))
        site = ""
        if out_dir is not None:
            result.files += outputs.write_index(out_dir, self.state.items, now)
            site = self._refresh_site(ledger, out_dir, [i for i, _ in result.published])
        self.state.save()
        for line in lines:
            if isinstance(line, str):
                log.info("%s", line)
            else:
                log.info("%s (%s)", line[0], "; ".join(line[1] + ([site] if site else [])))

    def _refresh_site(self, ledger: Ledger, out_dir: Path, attack_ids: list[str]) -> str:
        """Refresh the static site's pages of these attacks; return "site" if done, else ""."""
        if not self.options.site or not attack_ids or not outputs.site_available():
            return ""
        try:
            outputs.refresh_site(ledger.path, out_dir, attack_ids, base_url=self.options.base_url)
        except Exception as exc:  # the site is another part's; the watch's own outputs stand
            log.error("site not refreshed for %s: %s: %s", ", ".join(attack_ids), exc.__class__.__name__, exc)
            return ""
        return "site"

    def _deliver(self, ledger: Ledger, result: PassResult) -> None:
        cmd = self.options.exec_cmd
        todo = [i for i in self.state.items.values() if i.get("delivered", 0) < i.get("rendered", 0)]
        if not todo:
            return
        if cmd is None:
            for item in todo:
                item["delivered"] = item["rendered"]
            self.state.save()
            return
        attacks = {a.id: a for a in ledger.attacks()}
        for item in todo:
            attack = attacks.get(item["id"])
            if attack is None:
                continue
            payload = self._payload(ledger, attacks, attack, item)
            label = f"{item['date']} post {item['source'].get('post_id')}"
            if self.dry_run:
                log.info("%s: would run --exec %s with %d bytes of JSON", label, cmd, len(payload))
                result.execs.append(payload.decode("utf-8"))
                item["delivered"] = item["rendered"]
                continue
            error = _run(cmd, payload, self.options.exec_timeout)
            if error is None:
                item["delivered"] = item["rendered"]
                item.pop("exec_failures", None)
                result.execs.append(payload.decode("utf-8"))
                log.info("%s: --exec ran (revision %s)", label, item["rendered"])
            else:
                item["exec_failures"] = item.get("exec_failures", 0) + 1
                if item["exec_failures"] >= EXEC_ATTEMPTS:
                    item["delivered"] = item["rendered"]
                    item.pop("exec_failures")
                    log.error(
                        "%s: --exec failed %d times (%s); given up for this revision", label, EXEC_ATTEMPTS, error
                    )
                else:
                    log.warning("%s: --exec failed (%s); will retry at the next pass", label, error)
            self.state.save()

    def _payload(self, ledger: Ledger, attacks: dict[str, Attack], attack: Attack, item: dict[str, Any]) -> bytes:
        from skytally.ledger.serialize import attack_json

        texts = outputs.render_texts(list(attacks.values()), attack, item)
        document = {
            "event": "new" if item["rendered"] == 1 else "update",
            "delivery_id": f"{item['id']}@{item['rendered']}",
            "attack": attack_json(ledger, attack),
            "provenance": outputs.public_item(item),
            "bulletins": {lang: text for lang, (text, _) in texts.items()},
        }
        return json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")

    # ------------------------------------------------------------------ faults
    def _report_fault(self, kind: str, message: str, exc: BaseException | None = None) -> None:
        """Log a fault the first time, and again only when it changes kind (reported once, not every poll)."""
        current = self.state.fault
        if current is not None and current.get("kind") == kind:
            log.debug("still failing: %s", message)
            return
        self.state.fault = {"kind": kind, "message": message, "since": self.clock().isoformat(timespec="seconds")}
        self.state.save()
        log.error("channel not read: %s (reported once; the watch keeps polling)", message, exc_info=exc)

    def _clear_fault(self) -> None:
        if self.state.fault is not None:
            log.info(
                "channel read again (failing since %s: %s)", self.state.fault["since"], self.state.fault["message"]
            )
            self.state.fault = None
            self.state.save()

    def _versions(self) -> dict[str, str]:
        from skytally import __version__

        return self.options.versions or {"skytally": __version__}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _report(ledger: Ledger, report_id: int) -> StoredReport:
    return next(r for r in ledger.reports(active_only=False) if r.id == report_id)


def _attack_of(ledger: Ledger, report: StoredReport) -> Attack | None:
    """Return the attack whose figures come from this report (the ledger's reconciliation)."""
    day = report.record.kyiv_date
    prefix = report.ref + "@"
    for attack in ledger.attacks(since=day - timedelta(days=1), until=day + timedelta(days=1)):
        if any(e.startswith(prefix) for f in attack.figures for e in f.evidence):
            return attack
    return None


def _ledger_mark(ledger: Ledger) -> str:
    """Return a fingerprint of the ledger's sources: a change means items must be compared again."""
    current = next((v.sha256 for v in ledger.versions() if v.current), "")
    reports = ",".join(str(r.id) for r in ledger.reports())
    corrections = ",".join(str(c.id) for c in ledger.corrections())
    return hashlib.sha256(f"{current}|{reports}|{corrections}".encode()).hexdigest()[:16]


def _summary(changes: list[dict[str, Any]]) -> str:
    parts = []
    for change in changes:
        moved = ", ".join(f"{c['figure']} {c['before']} -> {c['after']}" for c in change.get("changes", []))
        if change["kind"].startswith("dataset"):
            parts.append(f"dataset: {change['status_before']} -> {change['status_after']}")
        elif moved:
            parts.append(moved)
    return "; ".join(parts) or "no figure changed"


def _run(cmd: str, payload: bytes, timeout: float) -> str | None:
    """Run the hook with the payload on stdin; return None on success, else what went wrong."""
    try:
        done = subprocess.run(shlex.split(cmd), input=payload, capture_output=True, timeout=timeout, check=False)
    except (OSError, ValueError) as exc:
        return f"cannot run it: {exc}"
    except subprocess.TimeoutExpired:
        return f"no answer after {timeout:g} s"
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return f"exit status {done.returncode}" + (f": {tail[0][:200]}" if tail[0] else "")
    return None
