"""Server-side request forgery: a JSON endpoint source must not reach inside the network.

Every attack goes through sources.add_endpoint, as the data sources page does, against real
HTTP servers on loopback; each must be refused with a message that says what to do, and
leave no source behind.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from etl_core import sources
from etl_core.errors import ConnectionFailedError, FileTooLargeError, RequestRefusedError, SluiceError

TOKEN = "t0ken-s3cret"


class Handler(BaseHTTPRequestHandler):
    """Routes an attacker (or a careless API) might use; every request's headers are kept."""

    server: Server

    def do_GET(self):
        self.server.seen.append(dict(self.headers))
        path, query = urlsplit(self.path).path, parse_qs(urlsplit(self.path).query)
        if path == "/redirect":
            return self.answer(302, b"", location=query["to"][0])
        if path == "/loop":
            return self.answer(302, b"", location="/loop")
        if path == "/needs-token":
            given = {self.headers.get("X-Api-Key"), self.headers.get("Authorization")}
            return self.answer(200, b'[{"a": 1}]') if TOKEN in given else self.answer(401, b"no")
        if path == "/big":
            return self.big(declared="declared" in query)
        if path == "/drip":
            return self.drip()
        if path == "/broken":
            return self.answer(500, b"oops")
        return self.answer(200, b'[{"a": 1}, {"a": 2}]')

    def answer(self, status: int, body: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def big(self, declared: bool) -> None:
        """Two megabytes of records; without Content-Length, only counting while reading can stop it."""
        body = json.dumps([{"a": "x" * 1000}] * 2000).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if declared:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def drip(self) -> None:
        """A byte every 0.3 s for 3 s: each read is quick, the whole is not."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        for piece in [b"[", *[b"1, "] * 10, b"1]"]:
            self.wfile.write(piece)
            self.wfile.flush()
            time.sleep(0.3)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str) -> None:
        super().__init__((host, 0), Handler)
        self.seen: list[dict[str, str]] = []
        self.url = f"http://{host}:{self.server_address[1]}"

    def handle_error(self, request, client_address):
        pass  # a client that hangs up on a drip or a big answer is what these tests expect


@pytest.fixture
def serve() -> Iterator[Callable[[str], Server]]:
    """serve(host) -> a running server on that loopback address, shut down after the test."""
    started: list[Server] = []

    def start(host: str = "127.0.0.1") -> Server:
        server = Server(host)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()


@pytest.fixture
def trusting(settings):
    """Settings that open 127.0.0.1 (the test servers' host) and nothing else."""
    return replace(settings, allowed_hosts=("127.0.0.1",))


def refused(session, settings, url: str, error: type[SluiceError], match: str, **header: str) -> SluiceError:
    with pytest.raises(error, match=match) as caught:
        sources.add_endpoint(session, settings, name="api", url=url, **header)
    assert sources.list_sources(session) == []
    assert not settings.parquet_dir.exists() or not any(settings.parquet_dir.iterdir())
    return caught.value


# ---- addresses inside the network ----------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]", "localhost"])
def test_loopback_in_any_spelling_is_refused(session, settings, serve, host):
    port = serve().server_address[1]
    error = refused(session, settings, f"http://{host}:{port}/records", RequestRefusedError, "a loopback address")
    assert "SLUICE_ALLOWED_HOSTS" in str(error)


@pytest.mark.parametrize(("address", "kind"), [
    ("10.0.0.7", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("[fe80::1]", "link-local"), ("[fd00::1]", "private"),
    ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"), ("0.0.0.0", "unspecified"), ("[::]", "unspecified"),
    ("100.64.0.1", "non-public"),
])
def test_internal_addresses_are_refused_before_connecting(session, settings, address, kind):
    refused(session, settings, f"http://{address}/latest/meta-data/", RequestRefusedError, f"a {kind} address")


def test_the_allow_list_opens_only_the_hosts_it_names(session, trusting, serve):
    server = serve()
    refused(session, replace(trusting, allowed_hosts=("api.internal",)), f"{server.url}/records",
            RequestRefusedError, "a loopback address")
    sources.add_endpoint(session, trusting, name="api", url=f"{server.url}/records")
    assert [source.name for source in sources.list_sources(session)] == ["api"]


# ---- redirects -----------------------------------------------------------------------

def test_a_redirect_into_the_network_is_refused(session, trusting, serve):
    inside = serve("127.0.0.2")
    error = refused(session, trusting, f"{serve().url}/redirect?to={inside.url}/records", RequestRefusedError,
                    "redirected to http://127.0.0.2:.*a loopback address")
    assert inside.seen == [] and "127.0.0.2" in str(error)


@pytest.mark.parametrize("header_name", ["X-Api-Key", "Authorization"])
def test_the_token_header_stays_with_the_origin_typed(session, trusting, serve, header_name):
    first, other_origin = serve(), serve()
    refused(session, trusting, f"{first.url}/redirect?to={other_origin.url}/needs-token", ConnectionFailedError,
            "answered 401", header_name=header_name, header_value=TOKEN)
    assert first.seen[0][header_name] == TOKEN
    assert len(other_origin.seen) == 1 and TOKEN not in json.dumps(other_origin.seen)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:6379/_INFO"])
def test_a_redirect_to_another_scheme_is_refused(session, trusting, serve, target):
    refused(session, trusting, f"{serve().url}/redirect?to={target}", RequestRefusedError,
            "redirected to .* only http:// and https://")


def test_redirects_are_bounded(session, trusting, serve):
    server = serve()
    refused(session, trusting, f"{server.url}/loop", RequestRefusedError, "redirected more than 5 times")
    assert len(server.seen) == 6


# ---- headers -------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "Host", "connection", "Transfer-Encoding", "Content-Length", "Proxy-Authorization", "Keep-Alive", "Upgrade",
    "Metadata-Flavor", "metadata", "X-aws-ec2-metadata-token", "X-aws-ec2-metadata-token-ttl-seconds",
    "X-Google-Metadata-Request",
])
def test_headers_that_are_not_the_analysts_to_set_are_refused(session, trusting, serve, name):
    server = serve()
    refused(session, trusting, f"{server.url}/records", RequestRefusedError, f"The header '{name}' cannot be sent",
            header_name=name, header_value="Google")
    assert server.seen == []


@pytest.mark.parametrize(("name", "value"), [
    ("X-Token", "a\r\nMetadata-Flavor: Google"), ("X Token", "a"), ("X-Token", "caf\u00e9"),
])
def test_a_malformed_header_is_refused(session, trusting, serve, name, value):
    server = serve()
    refused(session, trusting, f"{server.url}/records", RequestRefusedError, "cannot be sent",
            header_name=name, header_value=value)
    assert server.seen == []


# ---- size and time -------------------------------------------------------------------

@pytest.mark.parametrize("route", ["/big?declared=1", "/big"])
def test_an_answer_over_the_size_limit_is_refused(session, trusting, serve, route):
    refused(session, replace(trusting, http_max_mb=1), f"{serve().url}{route}", FileTooLargeError,
            "more than 1 MB.*SLUICE_HTTP_MAX_MB")


def test_the_whole_fetch_has_a_time_limit(session, trusting, serve):
    started = time.monotonic()
    refused(session, replace(trusting, http_total_timeout_s=1), f"{serve().url}/drip", ConnectionFailedError,
            "did not finish within 1 s.*SLUICE_HTTP_TOTAL_TIMEOUT")
    assert time.monotonic() - started < 2


# ---- secrets in messages -------------------------------------------------------------

@pytest.mark.parametrize("key", ["api_key", "key", "token", "secret", "password", "access_token", "sig", "signature"])
def test_messages_never_show_secrets_from_the_url(session, trusting, serve, key):
    server = serve()
    inside = refused(session, trusting, f"http://bob:hunter2@10.0.0.7/data?{key}=s3cr3t&page=2",
                     RequestRefusedError, "private")
    failed = refused(session, trusting, f"{server.url}/broken?{key}=s3cr3t&page=2", ConnectionFailedError, "500")
    for message in (str(inside), str(failed)):
        assert "s3cr3t" not in message and "hunter2" not in message
        assert f"{key}=***&page=2" in message
    assert "bob:***@10.0.0.7" in str(inside)
