"""A page's time limit (Options.time_limit): stop a pathological page with PageTimeout, not a hang.

Where it can, a SIGALRM timer stops the page in the middle of a stage (one huge stage, such as a
50 MB line's features, would otherwise run to its end first): in the main thread, when no timer of
the embedding program's own is running (that one is left alone). Everywhere else the deadline is
checked between stages.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional


class PageTimeout(RuntimeError):
    """A page took longer than Options.time_limit."""


class _Expired(BaseException):
    """The alarm; not an Exception, so no ``except Exception`` on the way (the model's predict
    guard would take it for a broken model and retire the model) swallows it."""


def deadline_of(seconds: Optional[float]) -> Optional[float]:
    return time.monotonic() + seconds if seconds else None


def check(deadline: Optional[float]) -> None:
    """Between stages: PageTimeout once the deadline has passed."""
    if deadline is not None and time.monotonic() > deadline:
        raise PageTimeout("page took longer than the time limit")


def _can_alarm() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def hard_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise PageTimeout from wherever the page is once ``seconds`` have passed (where it can)."""
    if not seconds or not _can_alarm():
        yield
        return

    def expired(signum, frame):
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expired)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except _Expired:
        raise PageTimeout("page took longer than the time limit") from None
