"""Who is calling: an API key from `Authorization: Bearer` or `X-API-Key`; and how many runs each key has going."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from etl_core import api_keys
from etl_core.api.errors import ApiError
from etl_core.db import session_scope

bearer = HTTPBearer(auto_error=False, description="An API key: python -m etl_core apikey create NAME")
header = APIKeyHeader(name="X-API-Key", auto_error=False, description="The same key, in its own header")
CHALLENGE = {"WWW-Authenticate": "Bearer"}


@dataclass(frozen=True)
class Caller:
    """The key a request came with (never the key itself)."""

    key_id: int
    name: str


def caller(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
           key: Annotated[str | None, Depends(header)]) -> Caller:
    """The calling key; 401 without a key, with a wrong one or a revoked one."""
    presented = credentials.credentials if credentials else key
    if not presented:
        raise ApiError(401, "An API key is needed: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'.",
                       headers=CHALLENGE)
    with session_scope(request.app.state.engine) as session:
        found = api_keys.find_key(session, presented.strip())
        if found is None:
            raise ApiError(401, "This API key is not valid.", headers=CHALLENGE)
        if found.revoked_at is not None:
            raise ApiError(401, f"The API key '{found.name}' was revoked.", headers=CHALLENGE)
        api_keys.note_use(session, found)
        request.state.key_name = found.name  # for the audit line
        return Caller(found.id, found.name)


class RunSlots:
    """At most ``limit`` runs at once per key, across waiting, streamed and background runs (429 past it)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.busy: Counter[int] = Counter()
        self.lock = threading.Lock()

    def take(self, who: Caller) -> None:
        with self.lock:
            if self.busy[who.key_id] >= self.limit:
                raise ApiError(429, f"The key '{who.name}' already has {self.limit} run(s) going; "
                                    "wait for one to finish.", headers={"Retry-After": "5"})
            self.busy[who.key_id] += 1

    def give_back(self, who: Caller) -> None:
        with self.lock:
            self.busy[who.key_id] -= 1
