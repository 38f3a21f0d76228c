"""GET a JSON endpoint without letting the request reach inside the network it runs in.

The host of the URL, and of every redirect, is resolved here and each of its addresses
checked (loopback, private, link-local, metadata and the like are refused unless the host
is on the allow-list). The analyst's header never leaves the origin they typed, and the
answer is bounded in bytes and in total time; URLs in messages are masked.
Imported when an endpoint is first read.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from etl_core.database_access import masked
from etl_core.errors import ConnectionFailedError, FileTooLargeError, RequestRefusedError

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}
ALLOW_HINT = "If it is an internal API you trust, add its host name to SLUICE_ALLOWED_HOSTS."

CONNECTION_HEADERS = frozenset({"host", "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade",
                                "content-length", "expect"})
METADATA_HEADERS = frozenset({"metadata-flavor", "metadata", "x-google-metadata-request"})
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an RFC 9110 token

# The order names an address by what it is most plainly: 127.0.0.1 is loopback before it is private, and
# 240.0.0.1 reserved (Python counts both private too).
ADDRESS_KINDS = (("unspecified", "is_unspecified"), ("loopback", "is_loopback"), ("link-local", "is_link_local"),
                 ("multicast", "is_multicast"), ("reserved", "is_reserved"), ("private", "is_private"))

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Answer:
    """The last response of a fetch; the body is read only for a success."""

    status_code: int
    reason: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Deadline:
    """When the whole fetch must be over, and how long it was given."""

    seconds: float
    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(seconds, time.monotonic() + seconds)

    def left(self) -> float:
        return self.at - time.monotonic()


def fetch(url: str, header: tuple[str, str] | None, *, allowed_hosts: tuple[str, ...], timeout_s: float,
          total_timeout_s: float, max_bytes: int) -> Answer:
    """GET url, following up to five redirects, each checked like the first."""
    shown = masked(url)
    if header:
        check_header(*header)
    deadline = Deadline.after(total_timeout_s)
    try:
        return _follow(_parse(url, shown), header, allowed_hosts, timeout_s, deadline, max_bytes, shown)
    except httpx.TimeoutException as exc:
        if deadline.left() < 0.05:  # the wait was cut short by the whole fetch's deadline
            raise _too_slow(shown, deadline) from exc
        raise ConnectionFailedError(f"{shown} did not answer within {timeout_s:g} s.",
                                    hint="Try again later, or check the address.") from exc
    except httpx.HTTPError as exc:
        raise ConnectionFailedError(f"Could not reach {shown}: {exc}.", hint="Check the address.") from exc


def _follow(url: httpx.URL, header: tuple[str, str] | None, allowed_hosts: tuple[str, ...], timeout_s: float,
            deadline: Deadline, max_bytes: int, shown: str) -> Answer:
    """The redirect loop; the header goes only to the origin the analyst typed."""
    origin, current = _origin(url), url
    # trust_env=False: a proxy from the environment would connect for us, to an address we never checked
    with httpx.Client(trust_env=False, follow_redirects=False) as client:
        for hop in range(MAX_REDIRECTS + 1):
            sent = dict([header]) if header and _origin(current) == origin else {}
            said = f"{shown} redirected to {masked(str(current))}, which" if hop else shown
            with _get(client, current, sent, allowed_hosts, _timeout(timeout_s, deadline), said) as response:
                location = response.headers.get("location")
                if response.status_code not in REDIRECT_STATUSES or not location:
                    body = b"" if response.status_code >= 400 else _read(response, max_bytes, deadline, shown)
                    return Answer(response.status_code, response.reason_phrase,
                                  response.headers.get("content-type", ""), body)
            current = _redirect_target(current, location, shown)
    raise RequestRefusedError(f"{shown} redirected more than {MAX_REDIRECTS} times.",
                              hint="Use the address the redirects end at, or check it with the API's owner.")


def check_header(name: str, value: str) -> None:
    """Refuse a header an analyst has no business setting: the connection's own, or a cloud metadata key."""
    lowered = name.lower()
    if not HEADER_NAME.fullmatch(name) or not value.isascii() or any(c in value for c in "\r\n\0"):
        why = "a header name is one word of letters, digits and dashes, and its value one line of plain text"
    elif lowered in CONNECTION_HEADERS or lowered.startswith("proxy-"):
        why = "it controls the HTTP connection itself, which Sluice sets"
    elif lowered in METADATA_HEADERS or lowered.startswith("x-aws-ec2-metadata-token"):
        why = "it only serves to ask a cloud metadata service for credentials"
    else:
        return
    raise RequestRefusedError(f"The header '{name}' cannot be sent: {why}.",
                              hint="Use the header the API documents for its token, such as Authorization or X-Api-Key.")


def check_url(url: str, *, allowed_hosts: tuple[str, ...]) -> None:
    """Refuse, before anything is sent, an address Sluice would not request (a webhook given to the API)."""
    shown = masked(url)
    parsed = _parse(url, shown)
    if parsed.scheme not in DEFAULT_PORTS or not parsed.host:
        raise RequestRefusedError(f"'{shown}' is not an http:// or https:// address.", hint="Check the URL.")
    _checked_addresses(parsed, allowed_hosts, shown)


def post(url: str, body: bytes, headers: dict[str, str], *, allowed_hosts: tuple[str, ...], timeout_s: float) -> int:
    """POST a body to url under the same address rules as a fetch; the status code.

    Redirects are not followed: a webhook receiver answers where it was told to be.
    """
    shown = masked(url)
    for name, value in headers.items():
        check_header(name, value)
    try:
        with httpx.Client(trust_env=False, follow_redirects=False) as client, \
                _send(client, "POST", _parse(url, shown), headers, allowed_hosts, httpx.Timeout(timeout_s), shown,
                      content=body) as response:
            return response.status_code
    except httpx.TimeoutException as exc:
        raise ConnectionFailedError(f"{shown} did not answer within {timeout_s:g} s.") from exc
    except httpx.HTTPError as exc:
        raise ConnectionFailedError(f"Could not reach {shown}: {exc}.") from exc


@contextmanager
def _get(client: httpx.Client, url: httpx.URL, headers: dict[str, str], allowed_hosts: tuple[str, ...],
         timeout: httpx.Timeout, said: str) -> Iterator[httpx.Response]:
    with _send(client, "GET", url, headers, allowed_hosts, timeout, said) as response:
        yield response


@contextmanager
def _send(client: httpx.Client, method: str, url: httpx.URL, headers: dict[str, str], allowed_hosts: tuple[str, ...],
          timeout: httpx.Timeout, said: str, content: bytes | None = None) -> Iterator[httpx.Response]:
    """One request, connected to an address just checked.

    The URL's host is replaced by that address (the Host header and TLS server name keep the
    name), so the client never resolves the name again: a second DNS answer (rebinding) cannot
    send the request elsewhere.
    """
    addresses = _checked_addresses(url, allowed_hosts, said)
    headers = {**headers, "Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
    client.cookies.clear()  # a cookie set by one hop is not for the next
    for address in addresses:
        request = client.build_request(method, url.copy_with(host=address), headers=headers, timeout=timeout,
                                       extensions=extensions, content=content)
        try:
            response = client.send(request, stream=True)
        except httpx.ConnectError:
            if address == addresses[-1]:
                raise
            continue  # as a browser would, try the host's next address
        try:
            yield response
        finally:
            response.close()
        return


def _checked_addresses(url: httpx.URL, allowed_hosts: tuple[str, ...], said: str) -> list[str]:
    """Every address the host resolves to; all must be public unless the host is allowed."""
    host = url.raw_host.decode("ascii")
    try:
        found = socket.getaddrinfo(host, url.port or DEFAULT_PORTS[url.scheme], type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConnectionFailedError(f"{said} names the host '{host}', which could not be found.",
                                    hint="Check the address.") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if _normal_host(host) in {_normal_host(allowed) for allowed in allowed_hosts}:
        return addresses
    for address in addresses:
        if kind := _internal_kind(ipaddress.ip_address(address.split("%")[0])):
            raise RequestRefusedError(
                f"{said} leads to {address}, a {kind} address: Sluice does not fetch from inside its own network.",
                hint=ALLOW_HINT)
    return addresses


def _internal_kind(address: Address) -> str | None:
    """What makes the address internal (loopback, private, ...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:  # ::ffff:127.0.0.1 is 127.0.0.1
        address = address.ipv4_mapped
    kind = next((name for name, test in ADDRESS_KINDS if getattr(address, test)), None)
    return kind or (None if address.is_global else "non-public")


def _normal_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _parse(url: str, shown: str) -> httpx.URL:
    try:
        return httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ConnectionFailedError(f"'{shown}' is not a valid address.", hint="Check the URL.") from exc


def _redirect_target(current: httpx.URL, location: str, shown: str) -> httpx.URL:
    try:
        target = current.join(location)
    except httpx.InvalidURL as exc:
        raise ConnectionFailedError(f"{shown} redirected to an address that is not valid.") from exc
    if target.scheme not in DEFAULT_PORTS:
        raise RequestRefusedError(f"{shown} redirected to {masked(str(target))}: Sluice follows only http:// and "
                                  "https:// addresses.", hint="Use an endpoint that answers over HTTP.")
    return target


def _origin(url: httpx.URL) -> tuple[str, str, int]:
    return url.scheme, _normal_host(url.host), url.port or DEFAULT_PORTS.get(url.scheme, 0)


def _timeout(timeout_s: float, deadline: Deadline) -> httpx.Timeout:
    """Each wait gets timeout_s, but never beyond the whole fetch's deadline."""
    return httpx.Timeout(max(min(timeout_s, deadline.left()), 0.001))


def _read(response: httpx.Response, max_bytes: int, deadline: Deadline, shown: str) -> bytes:
    """The body, counted as it arrives: stopped past max_bytes or past the deadline, never read whole first."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(shown, max_bytes)
    body = bytearray()
    for chunk in response.iter_bytes():  # as each read arrives; a chunk_size would wait to fill it
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(shown, max_bytes)
        if deadline.left() < 0:
            raise _too_slow(shown, deadline)
    return bytes(body)


def _too_large(shown: str, max_bytes: int) -> FileTooLargeError:
    return FileTooLargeError(f"{shown} sent more than {max_bytes / 1024 / 1024:g} MB; Sluice stopped reading.",
                             hint="Ask the API for less (a filter or a page), or raise SLUICE_HTTP_MAX_MB.")


def _too_slow(shown: str, deadline: Deadline) -> ConnectionFailedError:
    return ConnectionFailedError(f"{shown} did not finish within {deadline.seconds:g} s.",
                                 hint="Ask the API for less, try again later, or raise SLUICE_HTTP_TOTAL_TIMEOUT.")


def post_json(url: str, payload: dict, *, allowed_hosts: tuple[str, ...], timeout_s: float) -> int:
    """POST a JSON body (a notification) under the same rules as ``post``; the response's status code."""
    check_url(url, allowed_hosts=allowed_hosts)
    return post(url, json.dumps(payload, default=str).encode(), {"Content-Type": "application/json"},
                allowed_hosts=allowed_hosts, timeout_s=timeout_s)
