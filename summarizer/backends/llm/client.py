"""The openai client, sync and async, on our retrying (and cassette) transport.

The API key is read from the environment when a client is built and handed straight to the
openai client; it is never stored in settings, logged, or written anywhere.
"""

from __future__ import annotations

import ssl
import urllib.request
from functools import cache
from typing import cast

import httpx
from openai import AsyncOpenAI, OpenAI

from ...config import Settings
from ...errors import ConfigError
from .cassette import cassette_transport
from .retries import AsyncRetryingTransport, RetryingTransport, RetryPolicy

KEYLESS = "not-needed"  # what a local server or a replayed run gets instead of a key


def is_openai(settings: Settings) -> bool:
    return not settings.base_url or "api.openai.com" in settings.base_url


def is_local(base_url: str | None) -> bool:
    """An endpoint on this machine: one server, often one request at a time."""
    if not base_url:
        return False
    host = httpx.URL(base_url).host
    return host in ("127.0.0.1", "localhost", "::1", "0.0.0.0")


def require_model(settings: Settings) -> str:
    if not settings.model:
        raise ConfigError(
            "the llm backend needs a model",
            hint="set --model NAME or SUMMARIZER_MODEL, e.g. --model gpt-4o-mini",
        )
    return settings.model


def api_key(settings: Settings) -> str:
    """The key from the variable Settings.api_key_env names, read now; a placeholder when the
    endpoint needs none (a local server, a replayed cassette)."""
    key = settings.api_key()
    if key:
        return key
    if settings.base_url or settings.replay is not None:
        return KEYLESS
    raise ConfigError(
        f"no API key: set {settings.api_key_env} or --base-url for a local "
        "OpenAI-compatible server",
        hint="--api-key-env NAME reads the key from another variable",
    )


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        max_retries=settings.max_retries,
        backoff=settings.retry_backoff,
        max_retry_after=settings.max_retry_after,
    )


def _openai_kwargs(settings: Settings) -> dict:
    return {
        "api_key": api_key(settings),
        "base_url": settings.endpoint_url,
        "timeout": settings.timeout,
        "max_retries": 0,  # tenacity in our transport owns retries
    }


def sync_http(settings: Settings) -> httpx.Client:
    """The HTTP client under the sync openai client: retries, and the cassette when asked."""
    inner = cassette_transport(record=settings.record, replay=settings.replay)
    network = cast("httpx.BaseTransport | None", inner) or httpx.HTTPTransport(
        verify=tls_context()  # made once: a transport's own costs 25 ms
    )
    transport = RetryingTransport(network, retry_policy(settings))
    return httpx.Client(transport=transport, timeout=settings.timeout)


def sync_client(settings: Settings, http: httpx.Client | None = None) -> OpenAI:
    require_model(settings)
    return OpenAI(http_client=http or sync_http(settings), **_openai_kwargs(settings))


@cache
def tls_context() -> ssl.SSLContext:
    """httpx's default TLS context, made once per process: loading the CA bundle costs 25 ms."""
    return httpx.create_ssl_context()


def _env_proxies() -> bool:
    """Whether the environment names a proxy, looked up once per session: aiohttp otherwise
    asks again, on a thread, for every request."""
    return bool(urllib.request.getproxies())


def _async_network() -> httpx.AsyncBaseTransport:
    """aiohttp under httpx's interface: its C parser and pool cost a batch with hundreds of
    requests in flight markedly less CPU per request than httpcore's. Proxies come from the
    environment, as httpx would take them; with none set, no request looks for one."""
    import aiohttp
    from httpx_aiohttp import AiohttpTransport

    def session() -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=100, ssl=tls_context())
        return aiohttp.ClientSession(connector=connector, trust_env=_env_proxies())

    return AiohttpTransport(verify=tls_context(), client=session)


def async_client(settings: Settings) -> AsyncOpenAI:
    require_model(settings)
    kwargs = _openai_kwargs(settings)
    inner = cassette_transport(record=settings.record, replay=settings.replay, asynchronous=True)
    network = cast("httpx.AsyncBaseTransport | None", inner) or _async_network()
    transport = AsyncRetryingTransport(network, retry_policy(settings))
    http = httpx.AsyncClient(transport=transport, timeout=settings.timeout)
    return AsyncOpenAI(http_client=http, **kwargs)


def load_probe_stack() -> None:
    """Load the synchronous HTTP stack the server probe uses (httpcore's): 90 ms on first use."""
    httpx.HTTPTransport(verify=tls_context()).close()


def probe_http(settings: Settings) -> httpx.Client:
    """A client for the server's self-description: the cassette when asked, no retries (a
    server that does not describe itself is simply not asked again)."""
    inner = cassette_transport(record=settings.record, replay=settings.replay)
    network = cast("httpx.BaseTransport | None", inner) or httpx.HTTPTransport(
        verify=tls_context()  # made once: a transport's own costs 25 ms
    )
    return httpx.Client(transport=network)
