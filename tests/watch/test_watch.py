"""The morning watch end to end: fixture pages on a loopback server, a copy of the loaded store, a pinned clock.

Each test says exactly what is published: the files under the publish folder, the payloads the
--exec hook received, the reports stored, and the log lines. The figures are real: the night to
7 June 2026 is in the shared dataset (236 drones, 215 destroyed), the nights after it are the
Air Force's own (docs in tests/fixtures/watch/README.md).
"""

from __future__ import annotations

from pathlib import Path

from skytally.ledger.api import open_ledger

from .conftest import payloads

LANGS = ("fr", "en", "uk")
INDEX = {"watch/items.json", *(f"watch/feed.{lang}.xml" for lang in LANGS)}


def bulletin_files(slug: str) -> set[str]:
    return {f"watch/bulletins/{slug}.{lang}.{ext}" for lang in LANGS for ext in ("txt", "json")}


def reports_of(store: Path) -> list[tuple[str, str, str | None]]:
    ledger = open_ledger(store)
    return [
        (r.record.kyiv_date.isoformat(), r.record.source_url, None if r.replaced_by is None else "replaced")
        for r in ledger.reports(active_only=False)
    ]


def test_a_new_night_is_published_once_with_its_provenance(bench, watch_log):
    result = bench.watcher("page_night.html", charts=True).run_pass()

    assert result.published == [("2026-06-07", 1)]
    charts = {f"watch/charts/2026-06-07.{lang}.svg" for lang in LANGS}
    assert bench.files() == bulletin_files("2026-06-07") | charts | INDEX
    [item] = bench.items()
    assert item["status"] == "confirmed"
    assert item["figures"] == {"drones": 236, "missiles": 0, "drones_destroyed": 215, "missiles_destroyed": 0}
    assert item["dataset"]["figures"] == item["figures"]
    assert item["source"] == {
        "post_id": 70102,
        "post_url": "https://t.me/kpszsu/70102",
        "posted_at": "2026-06-07T05:40:12+00:00",
        "read_at": "2026-06-07T06:00:00+00:00",
        "report_id": 1,
        "report_kind": "national_morning_report",
        "skytally_version": "0.1.0",
        "parser_version": "1.0.0",
    }
    assert item["changes"] == []
    english = bench.bulletin("2026-06-07", "en")
    assert "236" in english.split("\n", 1)[0]
    assert (
        "Source: the Ukrainian Air Force's post https://t.me/kpszsu/70102 (published June 7, 2026 08:40), "
        "read by skytally 0.1.0 (report parser 1.0.0) at June 7, 2026 09:00." in english
    )
    assert english.rstrip().endswith("Confirmed: the public dataset holds the same figures.")
    assert "Confirmé : le jeu de données public donne les mêmes chiffres." in bench.bulletin("2026-06-07", "fr")
    assert "<svg" in (bench.publish_dir / "watch/charts/2026-06-07.uk.svg").read_text("utf-8")
    [payload] = payloads(bench.exec_log)
    assert payload["event"] == "new"
    assert payload["delivery_id"] == "2026-06-07@1"
    assert (payload["attack"]["drones"], payload["attack"]["drones_destroyed"]) == (236, 215)
    assert payload["provenance"]["source"]["post_url"] == "https://t.me/kpszsu/70102"
    assert set(payload["bulletins"]) == set(LANGS)
    assert watch_log() == [
        "post 70101: skipped: not a report (an alert, a tracking post or another post)",
        "2026-06-07 report post 70102: published (fr, en, uk; chart; feeds)",
        "2026-06-07 post 70102: --exec ran (revision 1)",
    ]
    assert reports_of(bench.store) == [("2026-06-07", "https://t.me/kpszsu/70102", None)]


def test_a_repeat_publishes_nothing_twice_even_after_a_restart(bench, watch_log):
    watcher = bench.watcher("page_night.html")
    watcher.run_pass()
    files = {p: (bench.publish_dir / p).read_bytes() for p in bench.files()}
    logged = len(watch_log())

    again = watcher.run_pass()
    watcher.close()
    restarted = bench.run("page_night.html", now="2026-06-07T06:05:00+00:00")

    assert again.published == []
    assert restarted.published == []
    assert again.refused == {}
    assert restarted.refused == {}
    assert {p: (bench.publish_dir / p).read_bytes() for p in bench.files()} == files
    assert len(payloads(bench.exec_log)) == 1
    assert len(watch_log()) == logged  # a quiet pass says nothing
    assert len(reports_of(bench.store)) == 1


def test_a_night_after_the_dataset_is_provisional_until_the_dataset_disagrees(bench, watch_log, tmp_path):
    bench.run("page_new_night.html", now="2026-06-26T06:30:00+00:00")
    [item] = bench.items()
    assert (item["id"], item["status"]) == ("2026-06-26", "provisional")
    assert item["figures"] == {"drones": 189, "missiles": 7, "drones_destroyed": 174, "missiles_destroyed": 3}
    assert item["dataset"]["figures"] is None
    assert (
        "Provisional: the public dataset does not hold this attack yet; "
        "these figures are the Air Force's report alone." in bench.bulletin("2026-06-26", "en")
    )

    # The dataset's next release holds the night, without its 7 Iskander-M (a row missing, as on 21 Aug 2025).
    shared = (Path(open_ledger(bench.store).versions()[-1].origin)).read_text("utf-8").splitlines(keepends=True)
    rows = (Path(__file__).parents[1] / "fixtures/watch/dataset_rows_2026-06-26.csv").read_text("utf-8").splitlines()
    extended = tmp_path / "missile_attacks_daily.csv"
    extended.write_text(shared[0] + rows[1] + "\n" + "".join(shared[1:]), encoding="utf-8")
    open_ledger(bench.store).update(str(extended))
    result = bench.run("page_new_night.html", now="2026-06-28T07:00:00+00:00")

    assert result.published == [("2026-06-26", 2)]
    [item] = bench.items()
    assert (item["status"], item["revision"]) == ("disputed", 2)
    assert item["figures"]["missiles"] == 7  # the report's figures stay in use
    [change] = item["changes"]
    assert change["kind"] == "dataset_differs"
    assert (change["status_before"], change["status_after"]) == ("provisional", "disputed")
    assert change["differences"] == [
        {"figure": "missiles", "dataset": 0, "report": 7},
        {"figure": "missiles_destroyed", "dataset": 0, "report": 3},
    ]
    english = bench.bulletin("2026-06-26", "en")
    assert (
        "The public dataset differs: missiles launched 0 (report: 7) and missiles destroyed 0 (report: 3). "
        "The figures above are the Air Force's own report." in english
    )
    assert (
        "Update June 28, 2026 10:00: the public dataset now gives missiles launched 0 (report: 7) and "
        "missiles destroyed 0 (report: 3); the figures above stay the Air Force's report." in english
    )
    assert [p["event"] for p in payloads(bench.exec_log)] == ["new", "update"]
    assert payloads(bench.exec_log)[1]["delivery_id"] == "2026-06-26@2"
    assert watch_log()[-2] == (
        "2026-06-26 report post 70110: updated (revision 2: dataset: provisional -> disputed) (fr, en, uk; feeds)"
    )


def test_a_correction_updates_the_same_item_and_says_what_changed(bench, watch_log):
    bench.run("page_preliminary.html", now="2026-06-07T06:00:00+00:00")
    [first] = bench.items()
    assert (first["status"], first["figures"]["drones_destroyed"]) == ("disputed", 213)

    result = bench.run("page_corrected.html", now="2026-06-07T07:30:00+00:00")

    assert result.published == [("2026-06-07", 2)]
    [item] = bench.items()
    assert (item["status"], item["revision"], item["figures"]["drones_destroyed"]) == ("confirmed", 2, 215)
    assert item["source"]["post_url"] == "https://t.me/kpszsu/70104"
    assert item["source"]["first_post_url"] == "https://t.me/kpszsu/70103"
    corrected, agrees = item["changes"]
    assert corrected["kind"] == "corrected"
    assert corrected["changes"] == [{"figure": "drones_destroyed", "before": 213, "after": 215}]
    assert agrees["kind"] == "dataset_agrees_now"
    english = bench.bulletin("2026-06-07", "en")
    assert (
        "Update June 7, 2026 10:30: the Air Force corrected its report (https://t.me/kpszsu/70104): "
        "drones destroyed 213 → 215." in english
    )
    assert "Update June 7, 2026 10:30: the public dataset now agrees with the figures above." in english
    assert "Mise à jour du 7 juin 2026 10h30 : l'armée de l'air a corrigé son rapport" in bench.bulletin(
        "2026-06-07", "fr"
    )
    # Replaced, not added: the first report is kept in history.
    assert reports_of(bench.store) == [
        ("2026-06-07", "https://t.me/kpszsu/70103", "replaced"),
        ("2026-06-07", "https://t.me/kpszsu/70104", None),
    ]
    assert [p["event"] for p in payloads(bench.exec_log)] == ["new", "update"]
    assert watch_log()[-2] == (
        "2026-06-07 report post 70104: updated (revision 2: a corrected report; drones_destroyed 213 -> 215; "
        "dataset: disputed -> confirmed) (fr, en, uk; feeds)"
    )


def test_a_report_and_its_correction_seen_together_publish_the_correction_alone(bench, watch_log):
    result = bench.run("page_corrected.html", now="2026-06-07T07:30:00+00:00")

    assert result.superseded == [70103]
    assert result.published == [("2026-06-07", 1)]
    [item] = bench.items()
    assert (item["status"], item["source"]["post_id"], item["changes"]) == ("confirmed", 70104, [])
    assert len(payloads(bench.exec_log)) == 1
    assert watch_log()[0] == (
        "2026-06-07 report post 70103: not published: superseded by post 70104 of the same day (stored for history)"
    )


def test_a_daytime_update_is_held_and_the_final_report_replaces_it(bench, watch_log):
    held = bench.run("page_day_interim.html", now="2026-09-13T10:30:00+00:00")

    assert held.held == [70120]
    assert held.published == []
    assert bench.files() == set()
    assert reports_of(bench.store) == []
    assert watch_log() == [
        "2026-09-13 daytime report post 70120: held: an interim daytime update; the day's final report will replace it"
    ]

    final = bench.run("page_day_final.html", now="2026-09-13T16:00:00+00:00")

    assert final.published == [("2026-09-13", 1)]
    [item] = bench.items()
    assert (item["kind"], item["status"]) == ("daytime_report", "provisional")
    assert item["figures"] == {"drones": 323, "missiles": 0, "drones_destroyed": 310, "missiles_destroyed": 0}
    assert bench.files() == bulletin_files("2026-09-13") | INDEX
    assert reports_of(bench.store) == [("2026-09-13", "https://t.me/kpszsu/70121", None)]
    assert watch_log()[1:] == [
        "2026-09-13 daytime report post 70121: published (fr, en, uk; feeds)",
        "2026-09-13 post 70121: --exec ran (revision 1)",
    ]


def test_a_daytime_update_and_its_final_report_seen_together(bench):
    result = bench.run("page_day_final.html", now="2026-09-13T16:00:00+00:00")

    assert (result.superseded, result.held, result.published) == ([70120], [], [("2026-09-13", 1)])
    assert reports_of(bench.store) == [
        ("2026-09-13", "https://t.me/kpszsu/70120", "replaced"),
        ("2026-09-13", "https://t.me/kpszsu/70121", None),
    ]
    assert len(payloads(bench.exec_log)) == 1


def test_refused_posts_publish_nothing_and_say_why(bench, watch_log):
    cases = [
        ("page_night.html", "2026-06-10T06:00:00+00:00", 70102, "dated 2026-06-07, older than 48 h"),
        (
            "page_future.html",
            "2026-06-06T20:05:00+00:00",
            70150,
            "dated 2026-06-07, in the future (today is 2026-06-06)",
        ),
        (
            "page_arithmetic.html",
            "2026-08-10T06:30:00+00:00",
            70130,
            "fails its own arithmetic: it says 96 targets destroyed, its items add up to 95",
        ),
    ]
    for page, now, post, reason in cases:
        bench.state_path.unlink(missing_ok=True)
        result = bench.run(page, now=now)
        assert result.refused == {post: reason}
        assert result.published == []
    assert bench.files() == set()
    assert payloads(bench.exec_log) == []
    assert reports_of(bench.store) == []
    assert [line for line in watch_log() if "refused" in line] == [
        "2026-06-07 report post 70102: refused: dated 2026-06-07, older than 48 h",
        "2026-06-07 report post 70150: refused: dated 2026-06-07, in the future (today is 2026-06-06)",
        "2026-08-10 report post 70130: refused: fails its own arithmetic: it says 96 targets destroyed, "
        "its items add up to 95",
    ]


def test_a_clock_behind_the_channel_refuses_rather_than_publishes(bench):
    result = bench.run("page_night.html", now="2026-06-07T05:00:00+00:00")

    assert result.refused == {
        70102: "posted 2026-06-07T05:40:12+00:00, after now (2026-06-07T05:00:00+00:00): check the clock"
    }
    assert bench.files() == set()


def test_a_post_already_stored_by_hand_is_refused(bench, watch_log):
    from skytally.reports.channel import parse_channel_page, read_post

    page = (Path(__file__).parents[1] / "fixtures/watch/page_night.html").read_text("utf-8")
    report = read_post(parse_channel_page(page)[1])
    open_ledger(bench.store).add_report(report.record)

    result = bench.run("page_night.html")

    assert result.refused == {70102: "already stored as report:1, not by this watch: not published again"}
    assert bench.files() == set()
    assert payloads(bench.exec_log) == []
    assert watch_log()[-1] == (
        "2026-06-07 report post 70102: refused: already stored as report:1, not by this watch: not published again"
    )
