"""API keys: shown once, stored hashed, a sealed webhook secret, revoked by name; the apikey and expose commands."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlmodel import select

from etl_core import api_keys, pipelines
from etl_core.errors import ConflictError, InputError, NotFoundError
from etl_core.models import ApiKey
from tests.conftest import ROOT


def test_a_key_is_stored_only_as_its_hash_and_its_secret_only_sealed(session, settings, engine):
    made = api_keys.create_key(session, settings, "nightly job")
    stored = session.exec(select(ApiKey)).one()
    with engine.connect() as connection:
        row = " ".join(str(v) for v in connection.exec_driver_sql("select * from apikey").one())
    assert made.key.startswith("sluice_") and made.webhook_secret.startswith("whsec_")
    assert made.key not in row and made.webhook_secret not in row
    assert stored.key_hash == api_keys.hash_key(made.key) and made.key.startswith(stored.prefix)
    assert api_keys.webhook_secret(settings, stored) == made.webhook_secret
    assert api_keys.find_key(session, made.key).name == "nightly job"
    assert api_keys.find_key(session, made.key[:-1] + "x") is None


def test_names_are_checked_and_unique(session, settings):
    api_keys.create_key(session, settings, "a")
    with pytest.raises(ConflictError, match="A key called 'a' already exists."):
        api_keys.create_key(session, settings, "a")
    with pytest.raises(InputError, match="cannot name a key"):
        api_keys.create_key(session, settings, "bad/name\n")


def test_revoking_keeps_the_key_listed_and_refuses_it(session, settings):
    made = api_keys.create_key(session, settings, "old")
    api_keys.revoke_key(session, "old")
    assert api_keys.find_key(session, made.key).revoked_at is not None
    assert [k.name for k in api_keys.list_keys(session)] == ["old"]
    with pytest.raises(NotFoundError, match="There is no API key 'nope'. Keys: old."):
        api_keys.revoke_key(session, "nope")


def test_the_signature_is_hmac_sha256_of_the_body():
    import hashlib
    import hmac

    assert api_keys.sign("s3cret", b'{"a": 1}') == "sha256=" + hmac.new(b"s3cret", b'{"a": 1}', hashlib.sha256).hexdigest()


def test_the_sample_pipeline_ships_exposed_and_expose_turns_it_off_and_on(session, settings):
    from etl_core import sources

    sources.load_samples(session, settings)
    sample = pipelines.load_sample_pipeline(session, settings)
    assert sample.exposed is True
    assert pipelines.expose_pipeline(session, sample.name, False).exposed is False
    assert pipelines.get_pipeline(session, sample.name).exposed is False


def test_the_commands_create_list_revoke_keys_and_expose_pipelines(tmp_path):
    env = {**os.environ, "SLUICE_DATA_DIR": str(tmp_path / "data"), "SLUICE_LOAD_SAMPLES": "true"}
    env.pop("DATABASE_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "etl_core", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)

    created = run("apikey", "create", "laptop")
    key = created.stdout.splitlines()[1]
    revoked = run("apikey", "revoke", "laptop")
    listed = run("apikey", "list")
    off = run("expose", "monthly_revenue", "--off")
    assert created.returncode == 0 and key.startswith("sluice_")
    assert revoked.stdout == "revoked laptop\n"
    assert listed.stdout.startswith(f"laptop\t{key[:12]}...\tcreated ") and "\trevoked " in listed.stdout
    assert key not in listed.stdout
    assert off.stdout == "monthly_revenue is no longer reachable through the API\n"
