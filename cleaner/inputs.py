"""The command line's inputs: files, ``-`` (stdin), and folders, each standing for the files below it.

A corpus is a tree of files. Naming the tree beats a shell glob, which overflows the command line
(2 MB on Linux: 120,000 files of 40 characters did), and ``--out-dir`` then keeps the tree's shape,
where files of one name in different folders would otherwise collide.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List

from . import sidecar
from .io import STDIN, InputError, OutputError


@dataclass(frozen=True, slots=True)     # a folder can hold a million files
class Input:
    path: str       # the file as read ("-" for stdin)
    name: str       # its name under --out-dir: the file's own name, or, for a file found below a
                    # folder given on the command line, its path relative to that folder
    folder: str = ""    # that folder, for a file found below one


def expand(paths: Iterable[str]) -> List[Input]:
    """Each path as given; a folder becomes the files below it (``files_below``), skipping hidden
    names (".git", an unfinished ".<name>.cleaner-tmp"), the hook's ``.removed`` files, and what
    is not a file (a named pipe would block the read; a broken link is kept, and reported).
    Symlinked folders are not followed (a link can loop). A folder that cannot be read is an
    error (a file silently left out would be an article silently lost), and so is one that holds
    no file (most likely the wrong folder was named)."""
    out: List[Input] = []
    for p in paths:
        if p != STDIN and os.path.isdir(p):
            found = [Input(f, os.path.relpath(f, p), p) for f in files_below(p)]
            if not found:
                raise InputError(p, "no files below this folder")
            out.extend(found)
        else:
            out.append(Input(p, Path(p).name))
    return out


def files_below(folder: str) -> List[str]:
    """The files below ``folder`` as ``expand`` takes them, sorted part by part of their paths (so a
    folder's files stay together)."""
    def refuse(e: OSError):
        raise InputError(e.filename or folder, f"cannot read folder: {e.strerror or e}")

    found = []
    for top, dirs, files in os.walk(folder, onerror=refuse):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(top, name)
            if _page_file(name, path):
                found.append(path)
    return sorted(found, key=lambda f: Path(f).parts)


def _page_file(name: str, path: str) -> bool:
    """Not hidden, not a sidecar, and a file or a link (not a pipe or a device: a read could block)."""
    return not name.startswith(".") and not name.endswith(sidecar.SUFFIX) and \
        (os.path.isfile(path) or os.path.islink(path))


class OutDir:
    """Where ``--out-dir`` writes each input: its ``Input.name`` below the folder, sub-folders made
    as needed. Refused before anything is cleaned (``ValueError``): two inputs that would write one
    file, an output that would overwrite its input, and a folder inside one being cleaned (the next
    run over that one would clean the outputs again)."""

    def __init__(self, root: str, inputs: List[Input]):
        self.root = root
        self._names: Dict[str, str] = {}
        writer: Dict[str, str] = {}
        for i in inputs:
            if i.name in writer:
                raise ValueError(f"--out-dir: {writer[i.name]} and {i.path} would both write {i.name}")
            writer[i.name] = i.path
            self._names[i.path] = i.name
            if _same(self.place_of(i.path), i.path):
                raise ValueError(f"--out-dir would overwrite {i.path}; use --in-place for that")
        for folder in sorted({i.folder for i in inputs if i.folder}):
            if _inside(root, folder):
                raise ValueError(f"--out-dir {root} lies inside {folder}, which is being cleaned: "
                                 "a later run over it would clean the outputs again")
        try:
            os.makedirs(root, exist_ok=True)
        except OSError as e:
            raise OutputError(root, f"cannot create directory: {e.strerror or e}") from None

    def place_of(self, path: str) -> Path:
        return Path(self.root) / self._names[path]

    def place(self, path: str) -> Path:
        """The output file of this input, its folder made."""
        target = self.place_of(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(str(target.parent), f"cannot create directory: {e.strerror or e}") from None
        return target


def _same(a: Path, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` (which may not exist yet) is ``folder`` or lies below it."""
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([path, folder]) == folder
