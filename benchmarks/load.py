"""Load on the main member routes: `kring serve` (uvicorn) on 127.0.0.1, driven by wrk.

Run: ``.venv/bin/python benchmarks/load.py [--database sqlite|postgres] [--workers 2]``
(PostgreSQL: ``--database postgres --url postgres://postgres@127.0.0.1:5432/kring_bench``;
the database is emptied first). Needs Debian's ``wrk``.

It loads the demo network, matches every challenge, makes a token for a member who has
proposals, then measures for each route the requests per second and latency percentiles.
`/health` (no database) is the baseline measured in the same run: the ratio says how much of
the cost is ours rather than the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _prepare(url: str) -> tuple[str, int]:
    """Migrate, load the demo, match; return a member's API token and one of their challenges."""
    os.environ["KRING_DATABASE_URL"] = url
    os.environ.setdefault("KRING_SECRET_KEY", "benchmark-secret")
    sys.path.insert(0, str(ROOT))

    async def run() -> tuple[str, int]:
        from kring.accounts import create_api_token
        from kring.demo import load_demo
        from kring.migrate import migrate
        from kring.schema import delete_all_rows
        from kring.tables import Account, Challenge
        from matching.service import rematch
        from matching.tables import Introduction

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
        return token.token, owners[account["member"]]

    return asyncio.run(run())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wrk(url: str, token: str, seconds: int, connections: int) -> dict[str, float]:
    script = Path(tempfile.mkdtemp()) / "auth.lua"
    script.write_text(f'wrk.headers["Authorization"] = "Bearer {token}"\n')
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
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": ms("50%"),
        "p99": ms("99%"),
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/kring_bench")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite" if args.database == "sqlite" else args.url
    token, challenge_id = _prepare(url)
    port = _free_port()
    env = os.environ | {"KRING_DATABASE_URL": url}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kring.cli",
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
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(1)
        base = f"http://127.0.0.1:{port}"
        routes = {
            "GET /health (baseline)": f"{base}/health",
            "GET /api/me": f"{base}/api/me",
            "GET /api/challenges": f"{base}/api/challenges",
            "GET /api/challenges/{id}/proposals": f"{base}/api/challenges/{challenge_id}/proposals",
        }
        print(
            f"{args.database}, {args.workers} workers, {args.connections} connections, "
            f"{args.seconds} s per route"
        )
        print(
            f"{'route':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'vs base':>8}"
        )
        baseline = None
        for name, route in routes.items():
            result = _wrk(route, token, args.seconds, args.connections)
            baseline = baseline or result["rps"]
            print(
                f"{name:40} {result['rps']:8.0f} {result['p50']:8.1f} {result['p99']:8.1f} "
                f"{result['errors']:8d} {result['rps'] / baseline:8.2f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
