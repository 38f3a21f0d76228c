"""API keys for the HTTP API: made, listed and revoked here (the settings page and the command line call it).

A key is shown once, when made; only its SHA-256 is stored (a key is 32 random bytes, so a plain
hash is as hard to reverse as the key is to guess, and it is cheap enough to check on every call).
Each key has a second secret, its webhook secret, that signs the webhooks of runs it started; a
receiver needs it in clear to check a signature, so it is stored sealed (secrets_store), not hashed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from etl_core import secrets_store
from etl_core.config import Settings
from etl_core.errors import ConflictError, InputError, NotFoundError
from etl_core.models import ApiKey, utcnow

KEY_PREFIX = "sluice_"
SECRET_PREFIX = "whsec_"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$")
LAST_USED_EVERY = timedelta(minutes=1)  # how often a key's last use is written: not on every call


@dataclass(frozen=True)
class NewKey:
    """What is shown once: the key itself and its webhook secret."""

    name: str
    key: str
    webhook_secret: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, settings: Settings, name: str) -> NewKey:
    """Make a key; the returned NewKey is the only time the key and its secret are seen."""
    name = name.strip()
    if not NAME.match(name):
        raise InputError(f"'{name}' cannot name a key.",
                         hint="Use up to 100 letters, digits, spaces, dots, dashes or underscores.")
    if session.exec(select(ApiKey).where(ApiKey.name == name)).first():
        raise ConflictError(f"A key called '{name}' already exists.",
                            hint="Choose another name, or revoke that key first.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, key_hash=hash_key(key), prefix=key[:12],
                       webhook_secret=secrets_store.seal_text(secret, settings)))
    session.commit()
    return NewKey(name, key, secret)


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(ApiKey.name)))


def revoke_key(session: Session, name: str) -> ApiKey:
    """A revoked key is refused from the next call on; it stays listed, so its use can be traced."""
    key = session.exec(select(ApiKey).where(ApiKey.name == name)).first()
    if key is None:
        names = ", ".join(k.name for k in list_keys(session)) or "none yet"
        raise NotFoundError(f"There is no API key '{name}'.", hint=f"Keys: {names}.")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
        session.commit()
    return key


def find_key(session: Session, presented: str) -> ApiKey | None:
    """The key a caller presented, revoked or not; None when no key matches."""
    if not presented.startswith(KEY_PREFIX):
        return None
    found = session.exec(select(ApiKey).where(ApiKey.key_hash == hash_key(presented))).first()
    # the index found it by hash; compare in constant time all the same
    return found if found is not None and hmac.compare_digest(found.key_hash, hash_key(presented)) else None


def note_use(session: Session, key: ApiKey) -> None:
    """Record when a key was last used, at most once a minute (every call would be a write)."""
    now = utcnow()
    last = key.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=now.tzinfo)
    if last is None or now - last > LAST_USED_EVERY:
        key.last_used_at = now
        session.add(key)
        session.commit()


def webhook_secret(settings: Settings, key: ApiKey) -> str:
    return secrets_store.open_text(key.webhook_secret, settings)


def sign(secret: str, body: bytes) -> str:
    """The webhook signature header's value: HMAC-SHA256 of the body, hex, as 'sha256=...'."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
