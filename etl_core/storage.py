"""Files on disk: uploads stored by content hash, Parquet copies beside them.

Names on disk come from hashes and a known extension only, so an uploaded file name
such as ``../../x.csv`` never reaches the file system.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO

from etl_core.config import Settings
from etl_core.errors import FileTooLargeError
from etl_core.loaders.options import EXTENSIONS

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    content_hash: str
    path: Path
    size_bytes: int


def safe_display_name(file_name: str) -> str:
    """The last part of an uploaded name, without directories or control characters."""
    base = PurePath(file_name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    if cleaned.startswith("."):  # no hidden files, but keep the extension
        cleaned = "upload" + cleaned
    return cleaned[-200:] or "upload"


def store_upload(settings: Settings, data: bytes | BinaryIO | Path, file_name: str) -> StoredFile:
    """Write an upload once under its SHA-256; refuse it past the size limit."""
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    suffix = PurePath(safe_display_name(file_name)).suffix.lower()
    suffix = suffix if suffix in EXTENSIONS else ".bin"
    partial = settings.uploads_dir / f".incoming-{secrets.token_hex(8)}"
    digest, size = hashlib.sha256(), 0
    try:
        with _open_input(data) as source, partial.open("wb") as target:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > settings.max_upload_bytes:
                    raise FileTooLargeError(
                        f"'{safe_display_name(file_name)}' is larger than the {settings.max_upload_mb} MB limit.",
                        hint="Split the file, filter it before exporting, or raise SLUICE_MAX_UPLOAD_MB.",
                    )
                digest.update(chunk)
                target.write(chunk)
        final = settings.uploads_dir / f"{digest.hexdigest()}{suffix}"
        if final.exists():
            partial.unlink()
        else:
            partial.replace(final)
        return StoredFile(digest.hexdigest(), final, size)
    finally:
        partial.unlink(missing_ok=True)


def _open_input(data: bytes | BinaryIO | Path):
    if isinstance(data, bytes):
        return io.BytesIO(data)
    if isinstance(data, Path):
        return data.open("rb")
    data.seek(0)
    return _NoClose(data)


class _NoClose:
    """Lets ``with`` read a caller's stream without closing it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def __enter__(self) -> BinaryIO:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        return None


def upload_path(settings: Settings, content_hash: str) -> Path:
    matches = sorted(settings.uploads_dir.glob(f"{content_hash}.*"))
    if not matches:
        raise FileNotFoundError(content_hash)
    return matches[0]


def parquet_path(settings: Settings, parquet_file: str) -> Path:
    return settings.parquet_dir / PurePath(parquet_file).name



def remove_unreferenced(settings: Settings, hashes: set[str], parquet_files: set[str],
                        keep_hashes: set[str], keep_parquet: set[str]) -> None:
    """Delete stored files that no source or version points at any more."""
    for content_hash in hashes - keep_hashes:
        for path in settings.uploads_dir.glob(f"{content_hash}.*"):
            path.unlink(missing_ok=True)
    for name in parquet_files - keep_parquet:
        parquet_path(settings, name).unlink(missing_ok=True)



__all__ = ["StoredFile", "parquet_path", "remove_unreferenced", "safe_display_name", "store_upload", "upload_path"]
