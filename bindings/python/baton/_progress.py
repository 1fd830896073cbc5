"""A Python progress callback as the library's baton_progress_fn."""

from __future__ import annotations

from typing import Any, Callable, List, Optional

from . import _lib

Progress = Callable[[float], Any]


class ProgressRelay:
    """Calls ``progress(done)`` for the library. Returning False (or 0)
    cancels the run; an exception it raises cancels the run too and is kept
    in ``raised``, to be raised again once the library has returned (an
    exception must not cross the C boundary). Keep the relay alive for the
    whole call: ``callback`` is only valid while it is."""

    def __init__(self, progress: Optional[Progress]) -> None:
        self.raised: List[BaseException] = []
        self._progress = progress
        self.callback = _lib.ProgressFn() if progress is None else _lib.ProgressFn(self._relay)

    def _relay(self, done: float, _payload: Any) -> int:
        try:
            result = self._progress(done)  # type: ignore[misc]
        except BaseException as error:
            self.raised.append(error)
            return 0
        return 0 if result is not None and not result else 1
