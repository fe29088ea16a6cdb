"""Undo commands that the tools add to the window's stack beside the editor's own."""

from __future__ import annotations

from collections.abc import Sequence

from cpp_scheduler.gui.commands import Editor, RecordCommand
from cpp_scheduler.model import Event


class GroupCommand(RecordCommand):
    """Several commands as one undo step: a series of meetings, a reordered tour day.

    Applied in order, and reverted in the reverse order; if one is refused (a
    colleague changed its record since) or fails for a reason nobody expected, those
    already applied (or reverted) are put back before the error reaches the user, so the
    program is never left half-changed.
    """

    def __init__(self, editor: Editor, text: str, commands: Sequence[RecordCommand]) -> None:
        super().__init__(editor, Event, "", text)
        self.commands = list(commands)

    def apply(self) -> None:
        done: list[RecordCommand] = []
        try:
            for command in self.commands:
                command.apply()
                done.append(command)
        except Exception:  # refused, or failed unexpectedly: either way, not half done
            for command in reversed(done):
                command.revert()
            raise

    def revert(self) -> None:
        done: list[RecordCommand] = []
        try:
            for command in reversed(self.commands):
                command.revert()
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.apply()
            raise
