"""Model manifests: a joblib file is a pickle, and loading a pickle runs code.

Training writes ``<model>.json`` beside ``<model>.joblib`` with the file's SHA-256 and the versions it
was made with. Loading checks the hash before unpickling (a swapped or corrupted file is refused)
and the scikit-learn version (a pickle from another version may load wrong or not at all: dragnet's
fate).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sklearn


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
    manifest = {"file": Path(model_path).name, "sha256": sha256_of(model_path),
                "scikit_learn": sklearn.__version__, **info}
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
    trained = manifest.get("scikit_learn", "")
    if trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(
            f"model trained with scikit-learn {trained}, this is {sklearn.__version__}: "
            "retrain it with `cleaner train` or install the matching scikit-learn"
        )
    return manifest
