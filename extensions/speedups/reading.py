"""Which translated message is being parsed, for ``po_locations``.

While the ``locale_transform`` speed-up parses a ``msgstr``, ``message`` holds
the English place of its entry (source path, line), so that a warning MyST
raises then can be moved to the ``.po`` line::

    from speedups import reading
    if reading.message is not None:
        path, line = reading.message

It is ``None`` at any other time, and always when the speed-up is off (the
warning then keeps Sphinx's place). This module imports nothing, so it loads
whatever the installed versions of Sphinx and MyST.
"""

from __future__ import annotations

message: tuple[str, int] | None = None
