"""Load on the main member routes: `kring serve` (uvicorn) on 127.0.0.1, driven by wrk.

Run: ``.venv/bin/python benchmarks/load.py [--database sqlite|postgres] [--workers 2]
[--extra-members 100000]``
(PostgreSQL: ``--database postgres --url postgres://postgres@127.0.0.1:5432/kring_bench``;
the database is emptied first). Needs Debian's ``wrk``.

It loads the demo network (plus ``--extra-members``), matches every challenge, makes a token
and a session for a member who has proposals (the page is checked to answer itself), on
PostgreSQL settles the bulk writes as autovacuum would, waits until the workers answer, then
measures each route ``--rounds`` times, in turn, and reports the best round's requests per
second and latency percentiles, the worst round's p99 and the spread of req/s. `/health`
(no database) is the baseline measured in the same run: the ratio says how much of the cost
is ours rather than the server's. On a shared machine the best round is the one least
disturbed by others; the spread says how noisy it was.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _create_database(url: str) -> None:
    """The PostgreSQL database named in `url`, created when missing (its server must answer)."""
    import asyncpg

    base, _, name = url.rpartition("/")

    async def create() -> None:
        connection = await asyncpg.connect(f"{base}/postgres")
        try:
            if not await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    asyncio.run(create())


def _prepare(url: str) -> tuple[str, str, int]:
    """Migrate, load the demo, match; return a member's API token, a session of theirs (for
    the pages) and one of their challenges."""
    os.environ["KRING_DATABASE_URL"] = url
    os.environ.setdefault("KRING_SECRET_KEY", "benchmark-secret")
    sys.path.insert(0, str(ROOT))

    async def run() -> tuple[str, str, int]:
        from assembly.demo import load_demo
        from assembly.migrate import migrate
        from introductions.service import rematch
        from introductions.tables import Introduction
        from kring.accounts import create_api_token, start_session
        from kring.schema import delete_all_rows
        from kring.tables import Account, Challenge

        await migrate()
        await delete_all_rows()
        await load_demo()
        await rematch()
        rows = await Introduction.select(Introduction.challenge, Introduction.requester).where(
            Introduction.state == "proposed"
        )
        owners = {row["requester"]: row["challenge"] for row in rows}
        account = (
            await Account.select(Account.id, Account.member)
            .where(Account.member.is_in(list(owners)))
            .first()
        )
        if account is None:
            challenge = await Challenge.select(Challenge.id, Challenge.member).first()
            account = await Account.select(Account.id, Account.member).first()
            owners[account["member"]] = challenge["id"]
        token = await create_api_token(account["id"], "benchmark")
        session = await start_session(account["id"], hours=24)
        return token.token, session.token, owners[account["member"]]

    return asyncio.run(run())


def _add_members(url: str, count: int) -> None:
    """`count` more members, each with a challenge and an expertise record, written in bulk:
    the reads measured here must not grow with the network (they once read every member)."""
    os.environ["KRING_DATABASE_URL"] = url

    async def run() -> None:
        from kring.clock import utc_now
        from kring.tables import Challenge, Expertise, Member

        now, batch = utc_now(), 500  # PostgreSQL takes at most 32,767 parameters a query
        for start in range(0, count, batch):
            numbers = range(start, min(start + batch, count))
            await Member.insert(
                *[
                    Member(
                        first_name=f"Voornaam{n}",
                        last_name=f"Achternaam{n}",
                        email=f"lid{n}@load.example.be",
                        created_at=now,
                    )
                    for n in numbers
                ]
            )
            ids = [
                row["id"]
                for row in await Member.select(Member.id)
                .where(Member.email.like("%@load.example.be"))
                .order_by(Member.id, ascending=False)
                .limit(len(numbers))
            ]
            await Challenge.insert(
                *[Challenge(member=i, title="Uitdaging", body="", tags=["iso"]) for i in ids]
            )
            await Expertise.insert(
                *[Expertise(member=i, title="ISO 9001 audits", body="", tags=["iso"]) for i in ids]
            )

    asyncio.run(run())


def _settle(url: str) -> None:
    """What autovacuum would do by itself after the bulk writes of the set-up: statistics for
    the planner, and the dirty pages written out. Measured without it, a checkpoint or an
    autovacuum pass in the middle of a round stalls requests for up to a second."""
    import asyncpg

    async def run() -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute("VACUUM ANALYZE")
            await connection.execute("CHECKPOINT")
        finally:
            await connection.close()

    asyncio.run(run())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _workers(parent: int) -> list[int]:
    """The server's worker processes (children of `kring serve`), found through /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes used so far."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _wrk(
    url: str, header: str, seconds: int, connections: int, workers: list[int] | None = None
) -> dict[str, float]:
    """One wrk run; with `workers`, also the server's CPU milliseconds per request, which a
    busy machine disturbs much less than the rate (it is what a request costs, not how soon
    it gets a core)."""
    before = _cpu_seconds(workers) if workers else 0.0
    script = Path(tempfile.mkdtemp()) / "auth.lua"
    name, value = header.split(": ", 1)
    script.write_text(f'wrk.headers["{name}"] = "{value}"\n')
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    cpu = (_cpu_seconds(workers) - before) * 1000 / max(requests, 1) if workers else 0.0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "cpu_ms": cpu,
        "p50": ms("50%"),
        "p99": ms("99%"),
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def _get_json(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _check_page(url: str, header: str) -> None:
    """The page answers itself (wrk counts a redirect to the login page as a success)."""
    name, value = header.split(": ", 1)
    request = urllib.request.Request(url, headers={name: value, "Accept": "text/html"})
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, b""
    if status != 200 or b"<html" not in body.lower():
        sys.exit(f"{url} answered {status}, not the page: the session was not accepted")


def _wait_until_served(url: str, workers: int) -> None:
    """The parent binds the port at once; the workers answer only once they have started.

    Several answers in a row, so that every worker is up before anything is measured.
    """
    deadline = time.monotonic() + 300
    answered = 0
    while answered < 4 * workers:
        if time.monotonic() > deadline:
            sys.exit(f"{url} did not answer within 300 s")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                answered += response.status == 200
        except OSError:
            answered = 0
            time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/kring_bench")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--extra-members",
        type=int,
        default=0,
        help="members (each with a challenge and an expertise) added after the demo network",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite" if args.database == "sqlite" else args.url
    if args.database == "postgres":
        _create_database(url)
    token, session, challenge_id = _prepare(url)
    if args.extra_members:
        _add_members(url, args.extra_members)
    if args.database == "postgres":
        _settle(url)
    port = _free_port()
    env = os.environ | {"KRING_DATABASE_URL": url}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assembly.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--no-access-log",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_served(f"{base}/health", args.workers)
        workers = _workers(server.pid) or [server.pid]  # one worker: the server itself
        bearer, cookie = f"Authorization: Bearer {token}", f"Cookie: kring_session={session}"
        proposals = f"{base}/api/challenges/{challenge_id}/proposals"
        routes = {
            "GET /health (baseline)": (f"{base}/health", bearer),
            "GET /api/me": (f"{base}/api/me", bearer),
            "GET /api/challenges": (f"{base}/api/challenges", bearer),
            "GET /api/challenges/{id}/proposals": (proposals, bearer),
            "GET /introductions/challenges (page)": (f"{base}/introductions/challenges", cookie),
        }
        shown = _get_json(proposals, token)["proposals"]
        _check_page(*routes["GET /introductions/challenges (page)"])
        for route, header in routes.values():
            _wrk(route, header, 2, args.connections)  # warm-up: every worker, every route
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in routes}
        for _ in range(args.rounds):
            for name, (route, header) in routes.items():
                rounds[name].append(_wrk(route, header, args.seconds, args.connections, workers))
        print(
            f"{args.database}, {args.extra_members} members beside the demo network, "
            f"{args.workers} workers, {args.connections} connections, "
            f"{args.seconds} s per route, best of {args.rounds} rounds; "
            f"the proposals read shows {len(shown)} experts; worst99: the highest p99 of "
            f"any round; non-2xx: over all rounds; cpu: the workers' CPU ms per request "
            f"(least of the rounds)"
        )
        print(
            f"{'route':40} {'req/s':>8} {'spread':>11} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'worst99':>7} {'non-2xx':>7} {'vs base':>7} {'cpu ms':>7}"
        )
        baseline = None
        for name, results in rounds.items():
            best = max(results, key=lambda result: result["rps"])
            spread = f"{min(result['rps'] for result in results):.0f}-{best['rps']:.0f}"
            baseline = baseline or best["rps"]
            print(
                f"{name:40} {best['rps']:8.0f} {spread:>11} "
                f"{best['p50']:7.1f} {best['p99']:7.1f} "
                f"{max(result['p99'] for result in results):7.1f} "
                f"{sum(result['errors'] for result in results):7d} "
                f"{best['rps'] / baseline:7.2f} "
                f"{min(result['cpu_ms'] for result in results):7.2f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
