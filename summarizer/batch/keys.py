"""What makes a document "the same work": its bytes and the configuration that summarised it.

A document key is the hash of the file's content hash and the run's configuration hash, so
re-running the same command finds its work done, while a new model, mode, prompt or schema
makes every document new again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from ..config import Settings
from ..schema import SCHEMA_VERSION

_CHUNK = 1 << 16


@dataclass(frozen=True)
class RunConfig:
    """The settings that change what a summary says; nothing else (timeouts, limits) does."""

    backend: str
    model: str | None = None
    mode: str | None = None
    prompt_version: str | None = None
    few_shot: bool = False
    schema_version: str = SCHEMA_VERSION

    @classmethod
    def from_settings(cls, settings: Settings) -> RunConfig:
        """The identity the backend the settings name gives its work."""
        from ..backends import backend_class

        return cls(**backend_class(settings).identity(settings))

    def as_dict(self) -> dict:
        return asdict(self)

    @cached_property
    def digest(self) -> str:
        text = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def content_hash(path: Path) -> str:
    """SHA-256 of the file's bytes, read in chunks so a huge file never sits in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def unreadable_hash(path: Path) -> str:
    """A stand-in content hash for a path that cannot be read, so its failure is recorded too."""
    return hashlib.sha256(f"unreadable\0{path}".encode()).hexdigest()


def doc_key(content: str, config_digest: str) -> str:
    """The ledger key: 32 hex digits, also the custom_id of a provider batch line."""
    return hashlib.sha256(f"{content}\0{config_digest}".encode()).hexdigest()[:32]
