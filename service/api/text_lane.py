"""The text lane: embedding and tagging run on threads of lower CPU priority.

Screening a letter or tagging a statement takes about 0.7 s of CPU (the E5 model
with one torch thread). On ``TEXT_WORKERS`` threads of their own with a higher
nice value, texts queue instead of piling up, and the scheduler prefers the
threads answering quick reads when both want a core; texts still get every idle
cycle.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["TextLane", "TEXT_NICE", "TEXT_WORKERS"]

TEXT_NICE = 10
TEXT_WORKERS = 1

T = TypeVar("T")
logger = logging.getLogger("partner_match.service")


def _lower_priority(nice: int) -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
    except (AttributeError, OSError) as error:
        logger.warning("the text lane keeps its CPU priority (%s)", error)


class TextLane:
    """Run callables on ``workers`` dedicated threads (nice ``nice`` on Linux).

    Args:
        workers: Threads of the lane (texts embedded at once).
        nice: Nice value of the lane's threads (higher: lower priority).
    """

    def __init__(self, workers: int = TEXT_WORKERS, nice: int = TEXT_NICE) -> None:
        self.workers = workers
        self.nice = nice
        self._executor = ThreadPoolExecutor(
            workers,
            thread_name_prefix="partner-match-text",
            initializer=_lower_priority,
            initargs=(nice,),
        )

    def run(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """``fn(*args, **kwargs)`` on a lane thread, after the work queued."""
        return self._executor.submit(fn, *args, **kwargs).result()

    def close(self) -> None:
        """Stop the lane's threads after the work already queued."""
        self._executor.shutdown(wait=True)
