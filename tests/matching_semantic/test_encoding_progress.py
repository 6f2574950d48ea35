"""Long encodings say how far they are: a re-match reports progress over all its new texts,
and the stderr bar draws one line that ends with the rate, only where it is worth it."""

from __future__ import annotations

import io

import pytest

from introductions.service import rematch
from matching.encoders.progress_bar import LOG_MIN, TERMINAL_MIN, EncodingBar
from tests.conftest import run
from tests.matching_db.network import asker, colleague_free_member, expertise

RECORDS = 40


def test_a_rematch_reports_rising_progress_that_ends_at_the_number_of_new_texts(semantic_on):
    owner = asker()  # one challenge and one noise record
    member, _, _ = colleague_free_member()
    for i in range(RECORDS):
        expertise(member, f"Expertise nummer {i}: procesverbetering in fabriek {i}", ("lean",))
    calls: list[tuple[int, int]] = []
    run(rematch(progress=lambda done, total: calls.append((done, total))))
    total = RECORDS + 2  # the records, the noise record and the challenge
    assert {t for _, t in calls} == {total}
    done = [d for d, _ in calls]
    assert done == sorted(set(done)) and done[-1] == total and len(done) > 2
    assert owner.challenge_id

    calls.clear()
    run(rematch(progress=lambda done, total: calls.append((done, total))))
    assert calls == []  # everything is stored: nothing to encode, no progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_updating_line_that_ends_with_the_rate():
    pytest.importorskip("tqdm", reason="the semantic extra is not installed")
    stream = Terminal()
    bar = EncodingBar(stream)
    for done in range(0, TERMINAL_MIN + 1, 50):
        bar(done, TERMINAL_MIN)
    text = stream.getvalue()
    assert "\n" not in text.rstrip("\n")  # redrawn in place with carriage returns
    last = text.rstrip("\n").split("\r")[-1]
    assert f"{TERMINAL_MIN}/{TERMINAL_MIN}" in last and "texts/s" in last


def test_small_runs_and_logs_of_modest_runs_stay_quiet():
    pytest.importorskip("tqdm", reason="the semantic extra is not installed")
    terminal, log = Terminal(), io.StringIO()
    small, modest = EncodingBar(terminal), EncodingBar(log)
    small(10, TERMINAL_MIN - 1)
    small(TERMINAL_MIN - 1, TERMINAL_MIN - 1)
    modest(LOG_MIN - 1, LOG_MIN - 1)
    assert terminal.getvalue() == "" and log.getvalue() == ""
    big = EncodingBar(log)
    big(LOG_MIN, LOG_MIN)
    assert f"{LOG_MIN}/{LOG_MIN}" in log.getvalue()
