"""The ledger survives crashes; the client-side limits hold their rates and back off."""

import asyncio

import pytest

from summarizer.batch.keys import RunConfig, doc_key
from summarizer.batch.ledger import LEDGER_NAME, Ledger, load_state, read_records
from summarizer.batch.limits import BACKOFF, COOLDOWN_SECONDS, AdaptiveLimit, RateLimiter
from summarizer.config import Settings
from summarizer.errors import UsageError


def test_records_are_appended_and_read_back_in_order(tmp_path):
    ledger = Ledger(tmp_path)
    ledger.append([{"type": "run", "run": "r1"}])
    ledger.append([{"type": "doc", "key": "k", "status": "done"}, {"type": "skip", "key": "j"}])
    ledger.close()
    records = list(read_records(tmp_path))
    assert [r["type"] for r in records] == ["run", "doc", "skip"]
    assert all("time" in r for r in records)


def test_a_line_torn_by_a_crash_is_ignored_and_the_next_record_starts_afresh(tmp_path):
    Ledger(tmp_path).append([{"type": "doc", "key": "a", "status": "done"}])
    with (tmp_path / LEDGER_NAME).open("ab") as handle:
        handle.write(b'{"type":"doc","key":"b","sta')  # killed mid-write
    assert [r["key"] for r in read_records(tmp_path)] == ["a"]
    ledger = Ledger(tmp_path)
    ledger.append([{"type": "doc", "key": "c", "status": "done"}])
    ledger.close()
    assert [r["key"] for r in read_records(tmp_path)] == ["a", "c"]


def test_one_writer_at_a_time(tmp_path):
    first = Ledger(tmp_path)
    first.append([{"type": "run", "run": "r1"}])
    second = Ledger(tmp_path)
    with pytest.raises(UsageError, match="another batch is writing"):
        second.append([{"type": "run", "run": "r2"}])
    first.close()
    second.append([{"type": "run", "run": "r2"}])
    second.close()
    assert [r["run"] for r in read_records(tmp_path)] == ["r1", "r2"]


def test_a_document_is_done_only_while_its_output_is_the_one_its_record_wrote(tmp_path):
    ledger = Ledger(tmp_path)
    ledger.append(
        [{"type": "doc", "key": "k1", "status": "done", "path": "/p", "output": "p.json"}]
    )
    state = load_state(tmp_path)
    assert not state.is_done("k1", tmp_path)  # no output file
    (tmp_path / "p.json").write_text("{}")
    assert state.is_done("k1", tmp_path)
    ledger.append(
        [{"type": "doc", "key": "k2", "status": "done", "path": "/p", "output": "p.json"}]
    )
    state = load_state(tmp_path)
    assert state.is_done("k2", tmp_path) and not state.is_done("k1", tmp_path)
    ledger.append([{"type": "doc", "key": "k2", "status": "failed", "path": "/p", "output": None}])
    assert not load_state(tmp_path).is_done("k2", tmp_path)


def test_the_key_changes_with_the_content_and_with_what_shapes_the_summary():
    rules = RunConfig.from_settings(Settings(backend="rules"))
    llm = RunConfig.from_settings(Settings(backend="llm", model="m1"))
    other_model = RunConfig.from_settings(Settings(backend="llm", model="m2"))
    other_mode = RunConfig.from_settings(Settings(backend="llm", model="m1", mode="json"))
    same = RunConfig.from_settings(Settings(backend="llm", model="m1", timeout=5, max_retries=9))
    digests = {c.digest for c in (rules, llm, other_model, other_mode)}
    assert len(digests) == 4
    assert same.digest == llm.digest
    assert llm.prompt_version and llm.schema_version == "1"
    assert doc_key("a" * 64, llm.digest) != doc_key("b" * 64, llm.digest)


class FakeClock:
    """Time that passes only when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.mark.parametrize(
    ("per_minute", "amount", "count", "seconds"),
    [
        (120, 1, 21, 9.5),  # two a second: a burst of two, then 19 more at half a second
        (6000, 500, 30, 145.0),  # 100 tokens a second: each 500-token request waits 5 s
    ],
)
async def test_a_rate_limiter_holds_its_rate_per_minute(per_minute, amount, count, seconds):
    clock = FakeClock()
    limiter = RateLimiter(per_minute, clock=clock, sleep=clock.sleep)
    for _ in range(count):
        await limiter.take(amount)
    assert clock.now == pytest.approx(seconds)


async def test_a_request_larger_than_the_bucket_waits_for_it_and_leaves_a_debt():
    clock = FakeClock()
    limiter = RateLimiter(60, clock=clock, sleep=clock.sleep)  # one a second
    await limiter.take(5)  # a full bucket (1), now 4 in debt
    assert clock.now == 0
    await limiter.take(1)
    assert clock.now == pytest.approx(5.0)


async def test_an_estimate_corrected_down_gives_the_difference_back():
    clock = FakeClock()
    limiter = RateLimiter(60, clock=clock, sleep=clock.sleep)
    await limiter.take(1)
    limiter.adjust(-1)  # it was free after all
    await limiter.take(1)
    assert clock.now == 0


async def test_throttling_cuts_the_documents_in_flight_once_per_generation_then_recovers():
    clock = FakeClock()
    limit = AdaptiveLimit(16, clock=clock)
    started = [await limit.acquire() for _ in range(16)]
    assert limit.in_flight == 16
    clock.now = 10.0
    assert await limit.release(started[0], throttled=True)
    assert limit.allowed == int(16 * BACKOFF)
    # documents started before the cut do not cut again, however late they answer
    clock.now = 20.0
    assert not await limit.release(started[1], throttled=True)
    assert limit.allowed == int(16 * BACKOFF)
    for start in started[2:]:
        await limit.release(start, throttled=False)
    later = await limit.acquire()
    clock.now += COOLDOWN_SECONDS / 2
    again = await limit.acquire()
    assert await limit.release(later, throttled=True)
    cut = limit.allowed
    assert cut < int(16 * BACKOFF) and limit.cuts == 2
    # a second throttled answer within the cooldown is the same signal
    assert not await limit.release(again, throttled=True)
    assert limit.allowed == cut
    for _ in range(300):
        await limit.release(await limit.acquire(), throttled=False)
    assert limit.allowed == 16


async def test_no_document_starts_beyond_the_limit():
    limit = AdaptiveLimit(3)
    running = 0
    peak = 0

    async def one() -> None:
        nonlocal running, peak
        started = await limit.acquire()
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        await limit.release(started, throttled=False)

    await asyncio.gather(*(one() for _ in range(20)))
    assert peak == 3
