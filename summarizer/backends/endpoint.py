"""A look at the endpoint before the LLM client stack is loaded: a refused connection or an
unknown host is known in milliseconds, while loading openai and instructor takes seconds."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

from ..errors import TransportError

_PROXY_VARS = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy")
_HINT = "check --base-url and that the server is running"


def check_reachable(base_url: str | None, *, timeout: float = 1.5) -> None:
    """Raise TransportError when nothing listens at base_url; silent when unsure (a proxy, a
    slow network), so that only a certain failure is reported early."""
    if not base_url or any(os.environ.get(var) for var in _PROXY_VARS):
        return
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    where = f"{parts.scheme}://{parts.netloc}"
    try:
        socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise TransportError(
            f"cannot connect to {where}: unknown host", attempts=1, hint=_HINT
        ) from None
    try:
        socket.create_connection((parts.hostname, port), timeout=timeout).close()
    except ConnectionRefusedError:
        raise TransportError(
            f"cannot connect to {where}: connection refused", attempts=1, hint=_HINT
        ) from None
    except OSError:
        return  # a timeout or a route problem: the client's retries decide
