"""Who may talk to the app: a Host allow-list (DNS rebinding), an optional access token (`--auth`), and for
every state-changing request a same-origin Origin/Referer and the page's CSRF token. See docs/security.md.

A web page from another site can send "simple" cross-origin POSTs (a multipart form) without the user's
consent; it can neither read `GET /api/session` (no CORS headers are ever sent) nor set the `X-CSRF-Token`
header without a CORS preflight that this server never approves, so it cannot queue, cancel or delete jobs.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs, urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from facereel.app.limits import send_json

CSRF_HEADER = "x-csrf-token"
AUTH_COOKIE = "facereel_auth"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def allowed_hosts(listen_host: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """Host names the app answers to: loopback names, the `--host` address and `extra`; None (any Host) when
    it listens on every address (0.0.0.0 or ::), where `--auth` is required instead."""
    if listen_host in WILDCARD_HOSTS:
        return None
    return frozenset((*LOOPBACK_HOSTS, listen_host.strip("[]").lower(), *(h.lower() for h in extra)))


def host_name(host_header: str) -> str:
    """`example.com:7860` -> `example.com`; `[::1]:7860` -> `::1` (lower case)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class RequestGuard:
    """ASGI middleware: 403 for a Host outside `hosts` (None: any), 401 without `auth` when it is set (an
    `Authorization: Bearer` header, the `facereel_auth` cookie, or `?token=` on a page load, which sets the
    cookie), and 403 for a POST/PUT/PATCH/DELETE whose Origin (or Referer) is not this server or that lacks
    the CSRF token `csrf` in `X-CSRF-Token`. Answers are JSON with a one-line `detail`."""

    def __init__(self, app: ASGIApp, csrf: str, hosts: frozenset[str] | None = None, auth: str | None = None) -> None:
        self.app, self.csrf, self.hosts, self.auth = app, csrf, hosts, auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        host = headers.get("host", "")
        if self.hosts is not None and host_name(host) not in self.hosts:
            await send_json(send, 403, f"host {host!r} is not served here (DNS rebinding guard); open "
                                   f"http://127.0.0.1:PORT/ or start the app with --host naming this address")
            return
        set_cookie = None
        if self.auth is not None:
            given = _bearer(headers) or _cookie(headers, AUTH_COOKIE)
            query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [None])[0]
            if query is not None and _same(query, self.auth):
                given, set_cookie = query, query
            if not (given and _same(given, self.auth)):
                await send_json(send, 401, "this app needs its access token: open the address printed at start "
                                       "(…/?token=TOKEN) or send 'Authorization: Bearer TOKEN'")
                return
        if scope["method"] not in SAFE_METHODS:
            problem = self._cross_site(headers, host)
            if problem:
                await send_json(send, 403, problem)
                return
        if set_cookie is None:
            await self.app(scope, receive, send)
            return

        async def with_cookie(message: dict) -> None:
            if message["type"] == "http.response.start":
                cookie = f"{AUTH_COOKIE}={set_cookie}; Path=/; HttpOnly; SameSite=Strict"
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode("latin-1"))]
            await send(message)

        await self.app(scope, receive, with_cookie)

    def _cross_site(self, headers: dict[str, str], host: str) -> str | None:
        """Why a state-changing request is refused (None when it comes from this server's page)."""
        origin = headers.get("origin") or headers.get("referer")
        if origin is not None:
            parts = urlsplit(origin)
            if origin == "null" or parts.netloc.lower() != host.lower() or parts.scheme not in ("http", "https"):
                return f"cross-site request refused: origin {origin!r} is not this server"
        token = headers.get(CSRF_HEADER)
        if not (token and _same(token, self.csrf)):
            return "missing or wrong X-CSRF-Token header (read it from GET /api/session)"
        return None


def new_csrf_token() -> str:
    """A fresh random token (URL-safe, 256 bits)."""
    return secrets.token_urlsafe(32)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _bearer(headers: dict[str, str]) -> str | None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _cookie(headers: dict[str, str], name: str) -> str | None:
    cookies = SimpleCookie()
    try:
        cookies.load(headers.get("cookie", ""))
    except CookieError:  # a malformed Cookie header counts as no cookie
        return None
    return cookies[name].value if name in cookies else None
