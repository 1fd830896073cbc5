"""The life cycle every object that owns a library handle shares."""

from __future__ import annotations

from typing import Any, TypeVar

from . import _lib
from .errors import ClosedError

_Self = TypeVar("_Self", bound="OwnedHandle")


class OwnedHandle:
    """Owns one library handle: close() frees it (idempotent), a with block
    closes it on leaving, __del__ is a backstop, and _live() raises
    ClosedError once it is closed. Subclasses name the library's destroy
    function in _DESTROY and set self._handle."""

    _DESTROY = ""
    _handle: Any = None

    def close(self) -> None:
        """Frees the library's object; later use raises ClosedError. Idempotent."""
        handle, self._handle = self._handle, None
        if handle:
            getattr(_lib.lib(), self._DESTROY)(handle)

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # A backstop only: at interpreter exit the library may be gone already.
        try:
            if getattr(self, "_handle", None):
                self.close()
        except Exception:
            pass

    @property
    def closed(self) -> bool:
        return not self._handle

    def _live(self) -> Any:
        if not self._handle:
            raise ClosedError("operation on a closed %s" % type(self).__name__)
        return self._handle
