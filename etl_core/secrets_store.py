"""Secrets at rest: a database URL's password and an endpoint's token are stored encrypted (Fernet,
from the cryptography package) and never returned to a page.

The key comes from SLUICE_SECRET_KEY (a Fernet key: ``python -c "from cryptography.fernet import
Fernet; print(Fernet.generate_key().decode())"``). Without it, a key is made once in
``<data dir>/secret.key`` (readable by its owner only): a copy of the database alone then holds no
readable secret, but whoever can read the data directory can read the key, so set the variable
when the database lives elsewhere (PostgreSQL).
"""

from __future__ import annotations

import os
from typing import Any

from etl_core.config import Settings
from etl_core.errors import InputError

SECRET_FIELDS = ("url", "header_value")  # what may carry a password or a token
PREFIX = "enc:"


def _fernet(settings: Settings):
    from cryptography.fernet import Fernet

    key = settings.secret_key
    if not key:
        path = settings.data_dir / "secret.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(Fernet.generate_key())
        key = path.read_text().strip()
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except ValueError as exc:
        raise InputError("SLUICE_SECRET_KEY is not a Fernet key.",
                         hint="Make one with cryptography's Fernet.generate_key().") from exc


def sealed(connection: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The connection as stored: its secret fields encrypted."""
    fernet = _fernet(settings)
    return {k: (PREFIX + fernet.encrypt(v.encode()).decode() if k in SECRET_FIELDS and isinstance(v, str) and v
                and not v.startswith(PREFIX) else v) for k, v in connection.items()}


def opened(connection: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The connection as used: its secret fields decrypted (a row stored before encryption reads as it is)."""
    from cryptography.fernet import InvalidToken

    fernet = _fernet(settings)
    result = dict(connection)
    for name in SECRET_FIELDS:
        value = result.get(name)
        if isinstance(value, str) and value.startswith(PREFIX):
            try:
                result[name] = fernet.decrypt(value[len(PREFIX):].encode()).decode()
            except InvalidToken as exc:
                raise InputError("A stored connection cannot be decrypted with this key.",
                                 hint="Set SLUICE_SECRET_KEY to the key it was stored with.") from exc
    return result


def seal_text(value: str, settings: Settings) -> str:
    """One secret as stored (an API key's webhook secret)."""
    return PREFIX + _fernet(settings).encrypt(value.encode()).decode()


def open_text(value: str, settings: Settings) -> str:
    """One stored secret as used."""
    return opened({"url": value}, settings)["url"]
