"""Undo commands that the tools add to the window's stack beside the editor's own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from cpp_scheduler.gui.commands import Editor, RecordCommand
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing


class GroupCommand(RecordCommand):
    """Several commands as one undo step: a series of meetings, a reordered tour day.

    Applied in order, and reverted in the reverse order, in one transaction
    (:func:`~cpp_scheduler.services.editing.as_one_save`): one save in the history, or
    nothing. If one is refused (a colleague changed its record since, or holds the
    database) or fails for a reason nobody expected, the transaction is rolled back, so
    the program is never left half-changed, and the steps and the editor forget what
    they noted of it (the values the steps replaced, the versions they left), as the
    database never held it. A step of its first run that merges with a colleague's newer
    version asks with no transaction open, and the group is applied again with it.
    """

    def __init__(self, editor: Editor, text: str, commands: Sequence[RecordCommand]) -> None:
        super().__init__(editor, Event, "", text)
        self.commands = list(commands)
        self._refused_by: RecordCommand | None = None
        """The step whose refusal rolled back the last run, which may merge."""

    def apply_as_read(self) -> None:
        self._together(self.commands, lambda step: step.apply_as_read())

    def refused_step(self) -> RecordCommand:
        return self if self._refused_by is None else self._refused_by.refused_step()

    def revert(self) -> None:
        self._together(self.commands[::-1], lambda step: step.revert())

    def _together(
        self, steps: Sequence[RecordCommand], action: Callable[[RecordCommand], None]
    ) -> None:
        """Run ``action`` on each of ``steps`` as one save; on any failure, forget what
        the steps noted meanwhile, and keep which step failed."""
        forget = self._noted()
        self._refused_by = None
        running: RecordCommand | None = None
        try:
            with editing.as_one_save(self.editor.database):
                for running in steps:
                    action(running)
                running = None
        except BaseException:
            forget()
            self._refused_by = running
            raise

    def _noted(self) -> Callable[[], None]:
        """What the steps and the editor know now of the records (each step's
        attributes, the versions the editor follows), and the way back to it once a run
        rolled back: a version left by a save never committed would otherwise be what
        the next step expects."""
        versions = dict(self.editor.left_versions)
        steps = [(step, _attributes(step), step.isObsolete()) for step in self.commands]

        def forget() -> None:
            self.editor.left_versions.clear()
            self.editor.left_versions.update(versions)
            for step, attributes, obsolete in steps:
                # Put back in place, never emptied first: the GUI thread may read a
                # step's attributes (a new record's id) while this runs.
                noted = vars(step)
                noted.update(attributes)
                for learned in [name for name in noted if name not in attributes]:
                    del noted[learned]
                step.setObsolete(obsolete)

        return forget


def _attributes(step: RecordCommand) -> dict[str, Any]:
    """``step``'s attributes as they are now, its lists and dicts copied (a step replaces
    a value it learns, or adds to a list: never changes one in place otherwise)."""
    return {
        name: value.copy() if isinstance(value, list | dict) else value
        for name, value in vars(step).items()
    }
