"""Serving with several worker processes without the 40 ms stall of delayed ACKs.

uvicorn's multi-worker mode listens on a socket made with protocol 0; asyncio only sets
TCP_NODELAY on sockets whose protocol says TCP, so every answer waited on Nagle's algorithm
and a delayed ACK (about 40 ms; 360 req/s instead of thousands). Binding the socket with
IPPROTO_TCP lets asyncio set TCP_NODELAY on each connection, as it does with one worker.
"""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess


class TcpConfig(uvicorn.Config):
    def bind_socket(self) -> socket.socket:
        family = socket.AF_INET6 if self.host and ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.set_inheritable(True)
        return sock


def serve(
    app: str,
    host: str,
    port: int,
    workers: int,
    reload: bool,
    access_log: bool = True,
    trusted_proxies: str = "",
) -> None:
    """Serve `app`. The client's address is the connection's own unless it comes from one of
    `trusted_proxies` (KRING_TRUSTED_PROXIES): uvicorn believed X-Forwarded-For from 127.0.0.1
    by default, so a local client could pick the address the login throttle counts."""
    config = TcpConfig(
        app,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=bool(trusted_proxies.strip()),
        forwarded_allow_ips=trusted_proxies.strip() or None,
        access_log=access_log,
        # A worker answers the supervisor's pings only once Python has started and unpickled
        # its config; on a busy machine that takes longer than uvicorn's 5 s, and the
        # supervisor killed and restarted the workers for ever without serving.
        timeout_worker_healthcheck=60,
    )
    if workers > 1 and not reload:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
