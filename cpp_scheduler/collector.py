"""Python's cycle collector held while an import builds objects by the hundred thousand.

The collector looks for reference cycles each time enough new container objects have
been made, and every so often walks every object the process holds. An import of a large
calendar or program file makes millions of objects that live until it ends (each event's
properties, values and rows), so those full walks come again and again over a growing
heap: about a tenth of the import's time, for no garbage, since what an import makes is
let go by reference counting alone. Held, the collector runs again as the import ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_held() -> Iterator[None]:
    """Hold the cycle collector for the block, and collect the young objects after it.

    Nested or overlapping blocks (an import in the window's background while another
    runs) leave the collector on once the first block that found it on has ended.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
            gc.collect(generation=0)
