"""Every change to the program as an undoable command on one :class:`QUndoStack`.

A command does its work through :mod:`cpp_scheduler.services.editing` (a meeting of a
series through :mod:`cpp_scheduler.services.series`), in one transaction, so the model's
rules apply exactly as they do to the CLI and imports. The first run happens before the
command is pushed (:meth:`Editor.execute`): a change the rules refuse is explained to the
user and nothing lands on the stack. Undo and redo that fail later (somebody else changed
the record meanwhile) are reported through :attr:`Editor.failed`.

No step touches the database on the GUI thread: in the manner of Anki's ``CollectionOp``,
the first run, the undo and the redo start the step's work on the window's task manager
and return at once; what the step changed is told to the window when it ends, on the GUI
thread. New steps queue behind the ones under way (a second drag while the first saves),
each finding the record at the version the one before it left. An undo or redo runs
only when no step runs: pressed meanwhile (Ctrl+Z right after a drop, or twice in a
row), it stays where it is on the stack and is taken once the steps under way have
ended, each press in turn; no new step is taken while one waits or runs. One that is
refused is put back on the stack where it was, and the presses after it are dropped.
A merge's question is asked on the GUI thread while the step's work waits for the
answer.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError, printable
from cpp_scheduler.gui.crash import failure_line, reported
from cpp_scheduler.gui.translations import kind_name, translate
from cpp_scheduler.model import Event
from cpp_scheduler.model.base import Base
from cpp_scheduler.scheduling.travel import describe_duration
from cpp_scheduler.services import editing, merging, removal, save_as_new, series
from cpp_scheduler.services.database import Database
from cpp_scheduler.timezones import time_label

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager


@dataclass(eq=False)
class _Step:
    """A step under way on the task manager (each its own, whatever its name)."""

    name: str
    """As the Edit menu names it."""
    exclusive: bool
    """An undo or redo, which no other step may join."""


class _MergeQuestion(QObject):
    """Lives on the GUI thread: a step's work asks it, from the task manager, which
    values to keep where a colleague changed a field too, and waits for the answer."""

    asked = Signal(object, object)  # the plan, a one-item list the answer goes into

    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.asked.connect(self._ask, Qt.ConnectionType.BlockingQueuedConnection)

    def _ask(self, plan: merging.MergePlan, answer: list[dict[str, Any] | None]) -> None:
        answer[0] = self._editor.ask_merge(plan)


class Editor(QObject):
    """Runs commands against one database and tells the window what changed.

    Signals:
        changed(str, list): records of a model class (by name) changed; their ids.
        failed(str, str): a step, its undo or its redo could not be applied: the title
            that says which ("Cannot undo") and the line that says why.
        workingChanged(str): a step started in the background (its undo or redo, as the
            Edit menu names it), or ended (an empty text).
    """

    changed = Signal(str, list)
    failed = Signal(str, str)
    workingChanged = Signal(str)

    def __init__(
        self,
        database: Database,
        tasks: TaskManager,
        parent: QObject | None = None,
        stack: QUndoStack | None = None,
    ) -> None:
        """``tasks``: the window's task manager, which runs the work of every step, its
        first run as its undo and redo. ``stack``: the undo stack to push to, when its
        owner made it beforehand (the main window makes its own at once, for its Undo and
        Redo actions, while the database is still opening)."""
        super().__init__(parent)
        self._question = _MergeQuestion(self)
        self.database = database
        self.tasks = tasks
        self.stack = stack if stack is not None else QUndoStack(self)
        self.left_versions: dict[tuple[str, str, int], int] = {}
        """What this window's steps did to each record: by model, id and the version a
        step found it at, the version the step left it at (see :meth:`left`)."""
        self.stack.setUndoLimit(200)
        self._steps: list[_Step] = []
        """The steps under way on the task manager, oldest first."""
        self._worker_notices = threading.local()
        """On the task manager's thread, the changes of the step it runs, to tell."""
        self._presses: list[bool] = []
        """Undo (True) and Redo (False) pressed while a step ran, oldest first: taken
        once no step runs (see :meth:`press_later`)."""

    @property
    def working(self) -> str | None:
        """The step running on the task manager (as the Edit menu names it), or None."""
        return self._steps[0].name if self._steps else None

    @property
    def undoing(self) -> bool:
        """True while an undo or redo runs or waits its turn: no other step may start
        meanwhile."""
        return bool(self._presses) or any(step.exclusive for step in self._steps)

    def press_later(self, undo: bool) -> None:
        """Take an Undo (or Redo) pressed while a step runs once the steps under way have
        ended: Ctrl+Z right after a drop undoes that drop once it is saved."""
        self._presses.append(undo)

    def _take_press(self) -> None:
        """Undo or redo the oldest press waiting, if no step runs now."""
        if self._steps or not self._presses:
            return
        undo = self._presses.pop(0)
        if undo and self.stack.canUndo():
            self.stack.undo()
        elif not undo and self.stack.canRedo():
            self.stack.redo()
        if not self._steps:  # nothing started: nothing was left to undo or redo
            self._take_press()

    read_only: str | None = None
    """Why this program cannot be changed here (a reader's role), or None."""

    resolve_merge: Callable[[merging.MergePlan], dict[str, Any] | None] | None = None
    """Asks the coordinator about the fields a colleague changed too (the window's merge
    dialog): the values to save, or None to give up. Without it such a clash is refused."""

    def execute(
        self,
        command: RecordCommand,
        saved: Callable[[], None] | None = None,
        refused: Callable[[SchedulerError], None] | None = None,
    ) -> None:
        """Apply ``command`` and push it on the stack.

        The work runs on the task manager and this returns at once; on the GUI thread,
        ``saved()`` follows once the step is on the stack and the window has been told
        what changed, or ``refused(error)`` once the services have refused it (nothing
        changed, nothing pushed). A refusal with no ``refused`` to hear it raises here
        when it comes before any work (a reader's database, an undo under way), and is
        reported through :attr:`failed` when the services refuse.
        """

        def refuse(error: SchedulerError) -> None:
            if refused is None:
                raise error
            refused(error)

        if self.read_only is not None:
            refuse(SchedulerError(self.read_only))
            return
        if self.undoing:
            refuse(
                SchedulerError(
                    translate("Commands", "Wait until “{step}” is done, then try again.").format(
                        step=self.working
                    )
                )
            )
            return

        def done() -> None:
            command.applied_once = True
            # A step that changed nothing (an editor's OK on what it showed, a move a
            # colleague had made already) has nothing to undo, and leaves the steps to
            # redo as they were: Qt's push would drop them, and say nothing of it.
            if not command.isObsolete():
                self.stack.push(command)
            if saved is not None:
                saved()

        def failed(error: BaseException) -> None:
            refusal = reported(error)  # an unexpected error logged in full, told in a line
            if refused is None:
                self.failed.emit(translate("Commands", "Cannot save"), command._failure(refusal))
            else:
                refused(refusal)

        self._run_step(command.text(), command.apply, done, failed, exclusive=False)

    def ask_merge(self, plan: merging.MergePlan) -> dict[str, Any] | None:
        """:attr:`resolve_merge`'s answer, asked on the GUI thread: a step's work on the
        task manager waits for it there, the database free meanwhile (every read and
        write of a merge is a transaction of its own)."""
        if self.resolve_merge is None:
            return None
        if QThread.currentThread() is self.thread():
            return self.resolve_merge(plan)
        answer: list[dict[str, Any] | None] = [None]
        self._question.asked.emit(plan, answer)  # blocks until the slot has answered
        return answer[0]

    # The one rule of which versions are this window's own: each step notes the version
    # it found a record at and the one it left it at (``left``), and a step to undo or
    # redo follows those notes from the version it left (``expected``).
    def expected(self, model: str, record_id: str, version: int) -> int:
        """The version a step that left its record at ``version`` must find it at now:
        ``version``, or where the later steps of this window took it from there. Steps
        are undone last first, so a later step on the same record (a second drag of one
        event, the deletion of its venue, an import that updated it) has been undone,
        putting back exactly what this one left, at a newer version, and each of those
        steps found the record where the one before had left it. A colleague's change in
        between breaks that chain: the stored version is then not the one followed to,
        and the step is refused."""
        seen = {version}
        while (following := self.left_versions.get((model, record_id, version))) is not None:
            if following in seen:  # never, as versions only rise; but never loop either
                break
            seen.add(following)
            version = following
        return version

    def left(self, model: str, record_id: str, version: int, found: int | None) -> None:
        """Note that a step of this window found the record at version ``found`` (the
        one it checked, or for a record it changed without checking, such as an event
        whose venue a deletion cleared, the one it was at) and left it at ``version``;
        None when it did not know."""
        if found is not None and found != version:
            self.left_versions[(model, record_id, found)] = version

    def left_others(self, touched: Iterable[editing.Touched]) -> None:
        """Note the other records a step changed, from which version to which (an event
        whose venue it deleted or brought back; see :meth:`left`)."""
        for record in touched:
            self.left(record.model, record.record_id, record.left, found=record.found)

    def notify(self, model_cls: type[Base], ids: list[str]) -> None:
        """Tell the window that records changed: now, or, from a step's work on the task
        manager, once the step has ended (on the GUI thread)."""
        held: list[tuple[type[Base], list[str]]] | None = getattr(
            self._worker_notices, "held", None
        )
        if held is not None:
            held.append((model_cls, ids))
        else:
            self.changed.emit(model_cls.__name__, ids)

    def _run_step(
        self,
        step: str,
        work: Callable[[], None],
        done: Callable[[], None],
        failed: Callable[[BaseException], None],
        *,
        exclusive: bool,
    ) -> None:
        """Run ``work`` (services only, never a widget) on the task manager as the step
        named ``step``, after the steps under way; then tell what it changed and call
        ``done`` or ``failed`` on the GUI thread. ``exclusive``: an undo or redo."""
        entry = _Step(step, exclusive)
        self._steps.append(entry)
        if len(self._steps) == 1:
            self.workingChanged.emit(step)
        notices: list[tuple[type[Base], list[str]]] = []

        def run() -> None:
            self._worker_notices.held = notices
            try:
                work()
            finally:
                self._worker_notices.held = None

        def ended(error: BaseException | None) -> None:
            self._steps.remove(entry)
            self.workingChanged.emit(self.working or "")
            try:
                if error is not None:
                    self._presses.clear()  # pressed after a step that did not land
                    failed(error)
                else:
                    for model_cls, ids in notices:
                        self.notify(model_cls, ids)
                    done()
            finally:  # whatever the caller's answer did, the presses waiting are taken
                if self._presses and not self._steps:
                    QTimer.singleShot(0, self._take_press)  # once the stack has settled

        self.tasks.run_in_background(run, lambda _nothing: ended(None), ended)


LONGEST_STEP_NAME = 200
"""Characters of an undo step's name Edit > Undo shows before it shortens it."""


def step_title(title: str) -> str:
    """A record's title as an undo step names it: on one line and shortened
    (:func:`cpp_scheduler.errors.printable`). Qt's Undo entry shows one line of a step's
    name, so a title that holds a line break (stored from a calendar file, say) would
    leave only its last line in the menu, and a title of a thousand characters would
    stretch the menu across the screen."""
    return printable(title)


class RecordCommand(QUndoCommand):
    """A change to one record, applied by :meth:`apply` and reversed by :meth:`revert`.

    Its name is kept on one line whoever words it (:meth:`setText`)."""

    def __init__(self, editor: Editor, model_cls: type[Base], record_id: str, text: str) -> None:
        super().__init__()
        self.setText(text)
        self.editor = editor
        self.model_cls = model_cls
        self.record_id = record_id
        self.applied_once = False

    def setText(self, text: str) -> None:
        """Name the step, on one line and at most :data:`LONGEST_STEP_NAME` long."""
        super().setText(printable(text, LONGEST_STEP_NAME))

    def apply(self) -> None:
        """Do this step. A first run refused by a colleague's newer version merges with
        it where the refused step may (:meth:`merged`), and is tried again: each step is
        tried up to :data:`MERGE_ATTEMPTS` times, a group's each on its own count."""
        tries: Counter[RecordCommand] = Counter()
        while True:
            try:
                self.apply_as_read()
                return
            except merging.ConcurrentEditError:
                refused = self.refused_step()
                tries[refused] += 1
                if tries[refused] == MERGE_ATTEMPTS or not refused.merged():
                    raise

    def refused_step(self) -> RecordCommand:
        """The step whose refusal ended the last run: this one, or for a step of several
        the one of its steps that was refused."""
        return self

    def apply_as_read(self) -> None:
        """Do this step once, against the versions it holds: a colleague's newer version
        refuses it (:class:`~cpp_scheduler.services.merging.ConcurrentEditError`)."""
        raise NotImplementedError

    def merged(self) -> bool:
        """After :meth:`apply_as_read` was refused by a colleague's newer version: whether
        the step now holds its merge with theirs, to apply instead (where both changed a
        field, as the coordinator chose), or gives up (False: it does not merge, it is not
        its first run, or the coordinator cancelled). Run with no transaction open, as it
        may wait for the coordinator's answer."""
        return False

    def revert(self) -> None:
        raise NotImplementedError

    _putting_back = False
    """Set while the stack is moved back over this step after it was refused: the move
    only restores the stack's index; nothing is done again."""

    def redo(self) -> None:
        if self._putting_back:
            self._putting_back = False
            return
        if self.applied_once:  # the editor already applied it before pushing
            self.applied_once = False
            return
        self._start(self.apply, undoing=False)

    def undo(self) -> None:
        if self._putting_back:
            self._putting_back = False
            return
        self._start(self.revert, undoing=True)

    def finished(self) -> None:
        """The step's undo or redo has ended and the window has been told what changed:
        anything else to do on the GUI thread (nothing, unless a step says so)."""

    def _start(self, action: Callable[[], None], *, undoing: bool) -> None:
        """Do the step on the editor's task manager. One the services refuse (a
        colleague's newer version) changes nothing, and goes back where it stood on the
        stack once the stack has moved over it, so Undo and Redo keep saying what the
        database holds."""
        editor = self.editor
        if editor.working is not None:
            # Another step is still running (Ctrl+Z right after a drop, Undo pressed
            # twice in a row): the stack goes back where it was, and the press is taken
            # once the steps under way have ended.
            QTimer.singleShot(0, lambda: self._put_back(undoing=undoing))
            editor.press_later(undoing)
            return

        def done() -> None:
            if shiboken6.isValid(self):
                self.finished()

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                return  # the stack was cleared meanwhile (the program was replaced)
            # The work's transaction rolled back: nothing changed.
            QTimer.singleShot(0, lambda: self._put_back(undoing=undoing))
            title = (
                translate("Commands", "Cannot undo")
                if undoing
                else translate("Commands", "Cannot redo")
            )
            editor.failed.emit(title, self._failure(reported(error), undoing=undoing))

        if undoing:
            step = translate("Commands", "Undo {step}").format(step=self.text())
        else:
            step = translate("Commands", "Redo {step}").format(step=self.text())
        editor._run_step(step, action, done, failed, exclusive=True)

    def _put_back(self, *, undoing: bool) -> None:
        """Return the stack's index to where it stood before the refused step: the stack
        moved over this command as it ran, and nothing else moved it since (a refused
        background step holds every other step; a refused step at once is put back
        before the window's next event)."""
        if not shiboken6.isValid(self):
            return  # the stack was cleared meanwhile (the program was replaced)
        stack = self.editor.stack
        index = stack.index()
        if undoing and index < stack.count() and stack.command(index) is self:
            self._putting_back = True
            stack.redo()
        elif not undoing and index > 0 and stack.command(index - 1) is self:
            self._putting_back = True
            stack.undo()
        self._putting_back = False

    def _failure(self, error: BaseException, *, undoing: bool | None = None) -> str:
        """The one line that says this step could not be done, and why; ``undoing``:
        its undo (True) or redo (False) could not, said as such, without the advice to
        reload the services give (the window reads what changed by itself)."""
        step = self.text()[:1].lower() + self.text()[1:]
        if undoing is None:
            return translate("Commands", "Could not {step}: {error}").format(
                step=step, error=failure_line(error)
            )
        reason = getattr(error, "reason", None)
        if not isinstance(reason, str):
            reason = failure_line(error)
        if undoing:
            line = translate("Commands", "Could not undo {step}: {error}")
        else:
            line = translate("Commands", "Could not redo {step}: {error}")
        return line.format(step=step, error=reason)

    saved_version: int | None = None
    """The version the last apply or revert left the record at (a series, for one of
    its meetings), for a row shown before it is read again."""

    def _expected(self, version: int | None) -> int | None:
        """The version this step must find its record at (see :meth:`Editor.expected`)."""
        if version is None:
            return None
        return self.editor.expected(self.model_cls.__name__, self.record_id, version)

    def _left(self, version: int | None, found: int | None) -> None:
        """Remember the version this step left the record at, for the steps after it;
        ``found``: the one it found it at."""
        self.saved_version = version
        if version is not None:
            self.editor.left(self.model_cls.__name__, self.record_id, version, found)

    refreshes: tuple[type[Base], list[str]] | None = None
    """Records whose display depends on this one (a series for its changed meeting);
    reported as changed instead of the record itself."""

    def _done(self) -> None:
        if self.refreshes is not None:
            self.editor.notify(*self.refreshes)
        else:
            self.editor.notify(self.model_cls, [self.record_id])


class CreateRecord(RecordCommand):
    """Create a record; undo deletes it, at the version this step left it at.

    A colleague's change of the new record since refuses the undo, rather than deleting
    their work with it, and so does a record of theirs that refers to it since (a
    session filed under a new conference). Redo puts the record back as the undo took
    it away (its links, its version), so this window's later steps on it redo as they
    were.
    """

    def __init__(
        self, editor: Editor, model_cls: type[Base], values: Mapping[str, Any], title: str
    ) -> None:
        super().__init__(editor, model_cls, _new_id(), "")
        self.values = dict(values)
        self.snapshot: dict[str, Any] | None = None
        """What the last undo deleted, which the redo puts back."""
        self.setText(
            translate("Commands", "Create {kind} '{title}'").format(
                kind=kind_name(model_cls.record_kind), title=step_title(title)
            )
        )

    def apply_as_read(self) -> None:
        database = self.editor.database
        if self.snapshot is None:
            created = editing.create_versioned(
                database, self.model_cls, self.values, self.record_id
            )
            self.saved_version = created.version
            self.editor.left_others(created.touched)
        else:
            self.editor.left_others(removal.restore(database, self.model_cls, self.snapshot))
            self.saved_version = removal.snapshot_version(self.snapshot)
        self._done()

    def revert(self) -> None:
        deleted = removal.delete(
            self.editor.database,
            self.model_cls,
            self.record_id,
            self._expected(self.saved_version),
            alone=True,
        )
        self.snapshot = deleted.snapshot
        self.editor.left_others(deleted.touched)
        self._done()


class SaveAsNew(CreateRecord):
    """Save what an editor holds as a new record, its own having been deleted by a
    colleague (:func:`cpp_scheduler.services.save_as_new.save_as_new`: what it keeps and
    drops is the services' rule); undo deletes the new record, as a creation's does.

    Attributes:
        deleted_id: the deleted record the editor held, whose references the editor
            does not show (a tour activity's day) the new record keeps.
        dropped: the links to records deleted since, and the changed meetings of a
            series its rule no longer gives, that the first run left out, worded (None:
            none), for the window to say.
    """

    def __init__(
        self,
        editor: Editor,
        model_cls: type[Base],
        values: Mapping[str, Any],
        title: str,
        deleted_id: str,
    ) -> None:
        super().__init__(editor, model_cls, values, title)
        self.deleted_id = deleted_id
        self.dropped: str | None = None
        self.setText(
            translate("Commands", "Save {kind} '{title}' as new").format(
                kind=kind_name(model_cls.record_kind), title=step_title(title)
            )
        )

    def apply_as_read(self) -> None:
        if self.snapshot is not None:  # a redo puts back what the undo took away
            super().apply_as_read()
            return
        saved = save_as_new.save_as_new(
            self.editor.database,
            self.model_cls,
            self.values,
            self.record_id,
            deleted_id=self.deleted_id,
        )
        self.saved_version = saved.version
        self.dropped = saved.dropped_text()
        self.editor.left_others(saved.touched)
        self._done()


MERGE_ATTEMPTS = 5
"""How many newer versions in a row one change merges with before it gives up."""


class EditRecord(RecordCommand):
    """Set new values; undo sets the values the record had before.

    With ``merges`` (a dialog's save, a drag, the tour builder's moves), a first apply
    that meets a colleague's newer version merges with it instead of being refused: the
    fields only the colleague changed stay theirs, the command's own are saved against
    the newer version, and only a field both changed asks (:attr:`Editor.resolve_merge`).
    It stays one undo step, whose undo puts back the colleague's values of the fields it
    set.

    With ``moves`` (a drag, the tour builder's moves: values that are the change itself,
    not a whole form), the first apply also finds the record where this window's own
    steps since the version read left it (a second drag queued behind the first's save
    carries the version the calendar showed before it), as undo and redo do.
    """

    def __init__(
        self,
        editor: Editor,
        model_cls: type[Base],
        record_id: str,
        values: Mapping[str, Any],
        text: str,
        expected_version: int | None = None,
        *,
        merges: bool = False,
        moves: bool = False,
        read_values: Mapping[str, Any] | None = None,
    ) -> None:
        """``read_values``: the fields as the caller read them, the base of a merge when
        the history does not reach back to ``expected_version``."""
        super().__init__(editor, model_cls, record_id, text)
        self.values = dict(values)
        self.before: dict[str, Any] | None = None
        self._version = expected_version
        """The version the record must be at for the next apply or revert: first the one
        the dialog read, then the one this command left it at."""
        self.merges = merges and expected_version is not None
        self.moves = moves
        self.read_values = dict(read_values or {})
        self.merged_with: list[merging.MergePlan] = []
        """The colleagues' versions the first apply merged with, oldest first."""

    def _update(self, values: Mapping[str, Any]) -> None:
        if not values and self.before is not None:  # a merge found theirs was this one
            self._done()
            return
        saved = editing.change(
            self.editor.database,
            self.model_cls,
            self.record_id,
            values,
            # A form's first apply carries the version the coordinator saw, whatever came
            # since (a newer one merges); a move follows this window's own steps too.
            self._expected(self._version)
            if self.before is not None or self.moves
            else self._version,
        )
        first = self.before is None
        if self.before is None:
            self.before = saved.before
        self._version = saved.version
        self._left(saved.version, saved.found)
        self.editor.left_others(saved.touched)  # the conferences a session left and joined
        if first and saved.version is not None and saved.version == saved.found:
            # OK on a form left as it was (or a drag back to where it started): nothing
            # was written, and no undo step is left that would do nothing.
            self.setObsolete(True)
        self._done()

    def apply_as_read(self) -> None:
        self._update(self.values)

    def merged(self) -> bool:
        if not self.merges or self.before is not None:
            return False
        assert self._version is not None
        plan = merging.plan_merge(
            self.editor.database,
            self.model_cls,
            self.record_id,
            self._version,
            self.read_values,
            self.values,
        )
        values = _merged_values(self.editor, plan)
        if values is None:
            return False
        self.merged_with.append(plan)
        self.values, self._version = values, plan.their_version
        self.read_values = {}  # the history holds the newer version as base
        if not values:
            # They saved exactly this change: nothing is written, and no undo step is
            # left that would do nothing (the stack drops it).
            self.before = {}
            self.setObsolete(True)
        return True

    def revert(self) -> None:
        assert self.before is not None
        self._update(self.before)


def _merged_values(editor: Editor, plan: merging.MergePlan) -> dict[str, Any] | None:
    """What to save over the colleague's version: merged by itself, or as the coordinator
    chose where both changed a field; None when there is no one to ask or they cancel."""
    if not plan.conflicts:
        return plan.values({})
    return editor.ask_merge(plan)


class DeleteRecord(RecordCommand):
    """Delete a record; undo puts it back with everything its deletion took or cleared.

    Clearing the references other records hold to it (the events at a deleted venue),
    and putting them back, changes those records at new versions: this window's own
    doing, counted as such (:meth:`Editor.left_others`), so the steps before this one
    on those records still undo and redo.
    """

    def __init__(
        self,
        editor: Editor,
        model_cls: type[Base],
        record_id: str,
        title: str,
        expected_version: int | None = None,
        reached: removal.Reach | None = None,
    ) -> None:
        """``expected_version``: the version the record was read at, when the caller
        knows it; the first deletion is then refused if a colleague changed it since.
        ``reached``: what the question before it said the deletion takes along and
        clears (:attr:`~cpp_scheduler.services.removal.ToDelete.reach`); the first
        deletion is refused too if it would take or clear anything else now."""
        super().__init__(
            editor,
            model_cls,
            record_id,
            translate("Commands", "Delete {kind} '{title}'").format(
                kind=kind_name(model_cls.record_kind), title=step_title(title)
            ),
        )
        self.snapshot: dict[str, Any] | None = None
        self.saved_version = expected_version
        self.reached = reached

    def apply_as_read(self) -> None:
        # A redo deletes the record at the version the undo brought it back at (or where
        # this window's steps took it since): a colleague's change since refuses it. It
        # takes along what the undo put back, no more: a session a colleague filed
        # under it, a venue they booked for an event, an invitation they sent since
        # refuse it, as they refuse a first deletion.
        reached = self.reached
        if self.snapshot is not None:
            reached = removal.reach_of(
                self.snapshot["rows"],
                self.snapshot["cleared"],
                lambda model, record_id, version: self.editor.expected(
                    model.__name__, record_id, version
                ),
            )
        deleted = removal.delete(
            self.editor.database,
            self.model_cls,
            self.record_id,
            self._expected(self.saved_version),
            reached=reached,
        )
        self.reached = None  # the question was answered for the first deletion alone
        self.snapshot = deleted.snapshot
        self.editor.left_others(deleted.touched)
        self._done()
        self._notify_taken_along()

    def revert(self) -> None:
        assert self.snapshot is not None
        touched = removal.restore(self.editor.database, self.model_cls, self.snapshot)
        self.editor.left_others(touched)
        self._notify_taken_along()
        self.saved_version = removal.snapshot_version(self.snapshot)
        self._done()

    def _notify_taken_along(self) -> None:
        """The events the deletion took along with the record (a conference's sessions),
        gone or back: the window reads each again, as it reads the record."""
        assert self.snapshot is not None
        along = [
            event_id
            for event_id in removal.removed_ids(self.snapshot, Event)
            if event_id != self.record_id
        ]
        if along:
            self.editor.notify(Event, along)


class ChangeMeeting(RecordCommand):
    """Move or cancel one meeting of a series; undo puts it back as it was.

    Each step goes through :func:`cpp_scheduler.services.series.set_meeting` with the
    series' version: the one the window showed for the first run, then the one the last
    step left, so a colleague's change in between is refused rather than undone.
    """

    def __init__(
        self,
        editor: Editor,
        event_id: str,
        recurrence_id: datetime,
        state: series.MeetingState,
        expected_version: int,
        text: str,
        shown: tuple[datetime, datetime] | None = None,
    ) -> None:
        """``shown``: the meeting's times as the calendar showed them when it was
        dragged; with them, a first move that meets a newer version of the series merges
        (:func:`cpp_scheduler.services.merging.plan_meeting_move`) instead of refusing."""
        super().__init__(editor, Event, event_id, text)
        self.recurrence_id = recurrence_id
        self.state = state
        self.before: series.MeetingState | None = None
        self.version = expected_version
        """The version the series must be at for the next apply or revert."""
        self.shown = shown
        self._applied = False
        self._theirs_already = False
        """A merge found the colleague had moved the meeting just there: nothing to
        write, nor to undo."""

    def _set(
        self, state: series.MeetingState | None, *, as_given: bool = False
    ) -> series.MeetingEdit:
        # The version shown, or where this window's own steps took it since (a move
        # queued behind another of the same series).
        expected = self._expected(self.version)
        found = self.version if expected is None else expected
        edit = series.set_meeting(
            self.editor.database,
            self.record_id,
            self.recurrence_id,
            state,
            found,
            as_given=as_given,
        )
        self.version = edit.version
        self._left(edit.version, found)
        self._done()
        return edit

    def apply_as_read(self) -> None:
        if self._theirs_already:
            self._done()
            return
        self.before = self._set(self.state).before
        self._applied = True

    def merged(self) -> bool:
        start, end = self.state.start_utc, self.state.end_utc
        if self._applied or self.shown is None or start is None or end is None:
            return False
        plan = merging.plan_meeting_move(
            self.editor.database,
            self.record_id,
            self.recurrence_id,
            self.version,
            self.shown,
            (start, end),
        )
        values = _merged_values(self.editor, plan)
        if values is None:
            return False
        if not values:  # they moved it just there: nothing to write or undo
            self._theirs_already = True
            self.setObsolete(True)
            return True
        theirs = (plan.theirs["start_utc"], plan.theirs["end_utc"])
        self.state = series.MeetingState(
            values.get("start_utc", theirs[0]), values.get("end_utc", theirs[1]), False
        )
        self.shown, self.version = theirs, plan.their_version
        return True

    def revert(self) -> None:
        if self._theirs_already:
            self._done()
            return
        self._set(self.before, as_given=True)  # what was stored, exactly


def _new_id() -> str:
    from cpp_scheduler.model import new_id

    return new_id()


def move_text(
    title: str,
    start: datetime,
    end: datetime,
    old_start: datetime,
    old_end: datetime,
    zone_name: str,
) -> str:
    """Names a move or resize as a coordinator would say it, in the zone shown.

    The text stays on the Edit menu ("Undo Move 'Kobe call' to Tue 19:00 NZDT") after
    the window shows another zone, so a time read on any clock but Tokyo's names that
    clock, as the local-times panel writes a time with its zone; Tokyo's, the program's
    own, goes unnamed except in an hour read twice."""
    title = step_title(title)
    named = zone_name != timezones.TOKYO
    local_start = timezones.to_local(start, zone_name)
    local_end = timezones.to_local(end, zone_name)
    if start == old_start and end != old_end:
        length = end - start
        return translate("Commands", "Change '{title}' to end at {end} ({length})").format(
            title=title, end=_time_on_clock(local_end, named), length=describe_duration(length)
        )
    if end - start != old_end - old_start:
        return translate("Commands", "Move '{title}' to {span}").format(
            title=title,
            span=timezones.span_text(
                local_start, local_end, day=i18n.weekday_text, zone=named, dash="–"
            ),
        )
    return translate("Commands", "Move '{title}' to {start}").format(
        title=title,
        start=f"{i18n.weekday_text(local_start)} {_time_on_clock(local_start, named)}",
    )


def _time_on_clock(local: datetime, named: bool) -> str:
    """A time as a step's text gives it: ``19:00 NZDT`` where its clock is ``named``;
    else ``15:00``, or ``01:30 EST`` in an hour read twice (the calendar's
    :func:`~cpp_scheduler.gui.views.base.time_label`)."""
    if not named:
        return time_label(local)
    clock = timezones.span_labels(local, local, zone=True)[1]
    return f"{i18n.time_text(local)} {clock}"


def move_event(
    editor: Editor, shown: series.Meeting, start: datetime, end: datetime, zone_name: str
) -> RecordCommand:
    """The command that moves (or resizes) an event to ``start``-``end`` (UTC).

    ``shown`` is the event (or, with its ``recurrence_id``, the one meeting of a series
    that moves) as the calendar showed it: its title names the step, and its version and
    times are what the save carries. If the event changed since, the move merges with the
    colleague's change (their title and my times are both kept) and asks only when they
    moved it too; a meeting gone since is refused by the save. Nothing is read here: the
    command is built on the GUI thread from what the window already holds.
    """
    times = (shown.start_utc, shown.end_utc)
    text = move_text(shown.title, start, end, *times, zone_name)
    if shown.recurrence_id is None:
        return EditRecord(
            editor,
            Event,
            shown.event_id,
            {"start_utc": start, "end_utc": end},
            text,
            shown.version,
            merges=True,
            moves=True,
            read_values={"start_utc": times[0], "end_utc": times[1]},
        )
    text = text.replace(
        f"'{step_title(shown.title)}'",
        translate("Commands", "the {day} meeting of '{title}'").format(
            # The day it is on now, as the calendar shows it and a cancel names it: a
            # meeting moved before is not named by the day the series gave it.
            day=i18n.day_month_text(timezones.to_local(shown.start_utc, zone_name).date()),
            title=step_title(shown.title),
        ),
        1,
    )
    state = series.MeetingState(start, end, False)
    return ChangeMeeting(
        editor, shown.event_id, shown.recurrence_id, state, shown.version, text, times
    )


def cancel_meeting(editor: Editor, meeting: series.Meeting, zone_name: str) -> RecordCommand:
    """The command that cancels one meeting of a series, as the window read it, and keeps
    the others.

    The meeting is recorded as a cancelled occurrence, so calendar files leave it out
    (EXDATE) and participants' clients remove it; undo brings it back where it was.
    """
    assert meeting.recurrence_id is not None, "only a meeting of a series is cancelled alone"
    local = timezones.to_local(meeting.start_utc, zone_name)  # the day it is on now
    text = translate("Commands", "Cancel the {day} meeting of '{title}'").format(
        day=i18n.day_month_text(local.date()), title=step_title(meeting.title)
    )
    state = series.MeetingState(None, None, True)
    return ChangeMeeting(
        editor, meeting.event_id, meeting.recurrence_id, state, meeting.version, text
    )
