"""Model manifests: a joblib file is a pickle, and loading a pickle runs code.

Training writes ``<model>.json`` beside ``<model>.joblib`` with the file's SHA-256, the model's
format and the versions it was made with. Loading checks the hash before unpickling (a swapped or
corrupted file is refused) and the format (a model from an older cleaner, a pickled scikit-learn
Pipeline, is refused with a note to retrain). The format holds arrays only, so the scikit-learn
version it was trained with does not matter when it is loaded: dragnet's fate avoided.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

# what model.LineModel reads; estimators.export writes it
FORMAT = "cleaner-line-model/2"


class ModelError(RuntimeError):
    """A model file that must not or cannot be loaded; the message says why."""


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def manifest_path(model_path: Path) -> Path:
    return Path(model_path).with_suffix(".json")


def write_manifest(model_path: Path, **info) -> dict:
    manifest = {"file": Path(model_path).name, "sha256": sha256_of(model_path), "format": FORMAT, **info}
    manifest_path(model_path).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def verify(model_path: Path) -> dict:
    """The manifest of a model file that may be loaded; ModelError when it may not."""
    model_path = Path(model_path)
    if not model_path.is_file():
        raise ModelError(f"model file not found: {model_path}")
    mpath = manifest_path(model_path)
    if not mpath.is_file():
        raise ModelError(f"no manifest beside the model ({mpath.name}); refusing to unpickle an unverified file")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"unreadable manifest {mpath}: {e}") from None
    if sha256_of(model_path) != manifest.get("sha256"):
        raise ModelError(f"{model_path.name} does not match the SHA-256 in its manifest; refusing to load it")
    if manifest.get("format") != FORMAT:
        raise ModelError(
            f"{model_path.name} is in format {manifest.get('format', '1 (a pickled scikit-learn Pipeline)')}, "
            f"this cleaner reads {FORMAT}: retrain it with `cleaner train`"
        )
    return manifest
