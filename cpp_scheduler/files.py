"""Writing a file the way a coordinator expects a save to behave: whole or not at all,
with the permissions any other saved file gets.

Every file the program writes (calendar files, program files, spreadsheets, reports)
goes through :func:`write_atomically`, so all of them share three promises:

- the bytes go to a new file beside the target and are renamed over it only once they
  are all on disk, so a full disk, a crash or a refused write leaves the previous file
  as it was and no partial file behind;
- a new file gets the permissions the user's umask gives (``0644`` under the usual
  ``022``), as a file saved by any other program would; a file written over keeps its
  own mode, so exporting over a shared ``0644`` calendar does not make it private, and
  over a private ``0600`` one does not make it readable by others;
- a failure is one line naming the file and the reason (:class:`FileWriteError`), the
  system's refusal in the program's words (:func:`~cpp_scheduler.errors.system_reason`:
  a full or read-only disk, a folder not there, permission denied);
- the program's database (:func:`hold_database_file`) is never written over:
  an export given its name by a slip of the hand would replace the program with a
  spreadsheet.

Every path a coordinator types or pastes, in a window's field or on the command line,
enters through :func:`typed_path` (no line break or other control character in it, ``~``
the home folder, never a bare name in a window), and every file written is named as its
kind is by :func:`named_as` (the kind's suffix added to a name without one, another
suffix refused).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cpp_scheduler.errors import SchedulerError, printable, quoted, system_reason
from cpp_scheduler.i18n import N_, _

Content = bytes | Callable[[BinaryIO], None]
"""The whole file's bytes, or a function that writes them to the stream it is given."""


class FileWriteError(SchedulerError):
    """A file could not be written; whatever was at its path before is unchanged."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            _("{file} cannot be written: {reason}").format(
                file=quoted(str(path), 200), reason=reason
            )
        )


def disk_refusal(error: OSError) -> str | None:
    """A system's refusal to write that lies with the disk (full, or read-only), in the
    words of :func:`~cpp_scheduler.errors.system_reason`; None for any other."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return system_reason(error)
    return None


def _reason(error: OSError, existed: bool) -> str:
    text = system_reason(error)
    if existed:
        return _("{reason}; the file there before is unchanged").format(reason=text)
    return text


_DATABASE_FILES: set[str] = set()
"""The SQLite files opened as the program's database in this run (their real paths)."""

_DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")
"""A SQLite database's own file and the files SQLite keeps beside it while it is open."""


def hold_database_file(path: str) -> None:
    """The SQLite file at ``path`` is opened as the program's database: no file the
    program writes in this run may take its place, nor its companions'. Held after it
    is closed too: a command reads the database, closes it, then writes its file."""
    _DATABASE_FILES.add(os.path.realpath(path))


def _is_database(path: str, status: os.stat_result | None) -> bool:
    """Whether ``path`` names a database's file (:func:`hold_database_file`) or one of
    its companions, by its real path or (for a file there) as the same file under
    another name."""
    real = os.path.realpath(path)
    for database in _DATABASE_FILES:
        for companion in _DATABASE_COMPANIONS:
            named = database + companion
            if real == named:
                return True
            if status is not None and companion == "":
                with contextlib.suppress(OSError):
                    if os.path.samestat(status, os.stat(named)):
                        return True
    return False


class FileOpenError(SchedulerError):
    """A file a coordinator asked to open (a program's database) cannot be opened as
    typed; nothing was opened or made."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            _("{file} cannot be opened: {reason}").format(
                file=quoted(str(path), 200), reason=reason
            )
        )


class TypedPathError(SchedulerError):
    """A path typed or pasted that names no file: empty, or holding a line break or
    another control character, which no file the program reads or writes is meant to be
    named with."""

    def __init__(self, text: str, message: str) -> None:
        self.text = text
        super().__init__(message)


_CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})
"""Control characters and line or paragraph separators: what a paste brings into a path
and no file's name is meant to hold (a name may hold any other character, a space,
an ideographic space or a character the system could not decode)."""


def _control_character(text: str) -> str | None:
    if text.isprintable():  # the usual case, at C speed: no control character at all
        return None
    return next(
        (c for c in text if unicodedata.category(c) in _CONTROL_CATEGORIES),
        None,
    )


def typed_path(text: str, *, working_folder: bool = False) -> Path:
    """The file or folder a coordinator typed or pasted, in a window's field or on the
    command line, to read or write: the one way a path typed enters the program.

    - The spaces and line breaks around it (a paste's last line break) are taken off;
      a line break or another control character left inside it is refused in one line
      quoting it escaped (:class:`TypedPathError`): pasted from a mail or a document, it
      would otherwise name a file with a line break in its name.
    - ``~`` is read as the home folder, in a window and on a command line alike.
    - A path that names no folder from the top (``program.ics``) is read as each medium's
      user expects it. A command runs in a folder its user sees and chose (its prompt
      shows it), and reading a bare name there is what every command does: with
      ``working_folder`` it is read there, and made whole, so that every message names
      the file wherever it is. A window has no such folder the coordinator can see: the
      file would go where nobody looks for it, so without ``working_folder`` such a path
      is refused naming the whole path meant, in one line (:class:`FileWriteError`).
    """
    path = _as_typed(text, working_folder=working_folder)
    if path.is_absolute():
        return path
    raise FileWriteError(path, _no_folder(path))


def _as_typed(text: str, *, working_folder: bool) -> Path:
    """The path ``text`` names, by :func:`typed_path`'s rule: whole, or (a bare name in
    a window) as typed, for the caller to refuse in its own words."""
    path = Path(_one_line(text))
    with contextlib.suppress(RuntimeError):  # no home folder known: left as typed
        path = path.expanduser()
    if working_folder and not path.is_absolute():
        return path.absolute()
    return path


def _one_line(text: str) -> str:
    """``text``, a path or a database's URL as typed or pasted, without the spaces and
    line breaks around it; refused in one line if nothing is left, or if a line break or
    another control character stands within it (a name holding one is never meant)."""
    text = text.strip()
    if not text:
        raise TypedPathError(text, _("an empty path names no file or folder"))
    character = _control_character(text)
    if character is not None:
        raise TypedPathError(
            text,
            _(
                "{path} holds a line break or another control character ({character}); "
                "give the path on one line"
            ).format(path=quoted(text, 200), character=printable(character)),
        )
    return text


def _no_folder(path: Path) -> str:
    """Why a bare name typed in a window is refused: the whole path it would mean."""
    return _("it names no folder; give its whole path, such as {example}").format(
        example=quoted(str(Path.home() / path), 200)
    )


def is_url(location: str) -> bool:
    """Whether a database's location, as given, is a URL (``postgresql://…``,
    ``sqlite:///…``) rather than a SQLite file's path."""
    return "://" in location


def typed_location(text: str, *, working_folder: bool = False) -> str:
    """A database's location as a coordinator typed it (File > Open database…, ``--db``,
    ``CPP_SCHEDULER_DB``): a URL (:func:`is_url`) as given but for the spaces around
    it, refused as a path is where it holds a control character, the store saying what
    else is wrong with one; a SQLite file's path read as every path typed is
    (:func:`typed_path`), whole.
    A bare name (``program.sqlite``) is read on the command line in the folder the
    command runs in, as every command reads a file; a window refuses it naming the whole
    path meant, where a new program would otherwise be made in a folder nobody sees: as
    a file to open (:class:`FileOpenError`), not one to write."""
    text = _one_line(text)
    if is_url(text):
        return text
    path = _as_typed(text, working_folder=working_folder)
    if path.is_absolute():
        return str(path)
    raise FileOpenError(path, _no_folder(path))


@dataclass(frozen=True)
class FileKind:
    """A kind of file the program writes, by the suffixes its name ends in: the first is
    the one added to a name given without any (:func:`named_as`)."""

    suffixes: tuple[str, ...]
    """Lowercase, with their dot; a name's own is compared without case."""
    refusal: str
    """Why a name with another suffix is refused, naming the suffixes (an ``N_`` text)."""

    def preferring(self, suffix: str) -> FileKind:
        """The same kind, ``suffix`` (one of its own) added to a name without one."""
        rest = tuple(other for other in self.suffixes if other != suffix)
        return FileKind((suffix, *rest), self.refusal)


CALENDAR_FILE = FileKind((".ics",), N_("a calendar file is written as .ics"))
PDF_FILE = FileKind((".pdf",), N_("a printed document is written as .pdf"))
REPORT_FILE = FileKind((".pdf", ".xlsx"), N_("the report is written as .pdf or .xlsx"))
WORKBOOK_FILE = FileKind((".xlsx",), N_("an Excel workbook is written as .xlsx"))
CSV_FILE = FileKind((".csv",), N_("a CSV table is written as .csv"))
AGENDA_FILE = FileKind((".xlsx", ".csv"), N_("the agenda is written as .xlsx or .csv"))
PROGRAM_FILE = FileKind((".json",), N_("a program file is written as .json"))


def named_as(path: Path, kind: FileKind) -> Path:
    """The file to write for ``path`` named as a file of ``kind``, the one rule of every
    file the program writes, in a window and on the command line alike: a name with no
    suffix (``kobe``) gets the kind's (``kobe.ics``), and the messages then name the
    file written, as does a name whose last dot is part of it (``Agenda 15.03.2027``,
    ``J. Smith itinerary``: see :data:`_SUFFIX`); one with the kind's suffix, in any
    case (``Day.PDF``), is kept as given (a folder's name is left to the write, which
    refuses it as a folder); one with another (``kobe.txt``) is refused in one line
    naming the suffix expected (:class:`FileWriteError`), before anything is read or
    written: a calendar saved as ``.txt`` opens in an editor as text, and the name hides
    what the file is."""
    suffix = path.suffix
    if suffix.lower() in kind.suffixes:
        return path
    if not _SUFFIX.fullmatch(suffix):  # none, or a dot within the name (J. Smith, 15.03)
        if path.is_dir():  # a folder given for a file: the write says so, naming it
            return path
        return path.with_name(path.name + kind.suffixes[0])
    raise FileWriteError(path, _(kind.refusal))


_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9_-]{0,9}")
"""What a name's end must be to be read as its file's suffix: a dot, a letter, and at
most nine more letters, digits, hyphens or underscores (``.txt``, ``.docx``, ``.sqlite``,
a journal's ``.ics-wal``). A dot within a name (``J. Smith itinerary``, ``Agenda
15.03.2027``) is part of the name: the kind's suffix is added after it."""


def check_writable_target(path: Path | str) -> int | None:
    """Refuse ``path`` unless a file can be put there: its folder exists, it is not
    itself a folder or a device, nor the program's database. Returns the
    mode of the file there, None if none is."""
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise FileWriteError(Path(path), system_reason(error)) from None
    if _DATABASE_FILES and _is_database(os.fspath(path), status):
        raise FileWriteError(
            Path(path), _("it is the program's database; give the file another name")
        )
    if status is None:
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise FileWriteError(
                Path(path),
                _("the folder {folder} does not exist").format(folder=quoted(folder, 200)),
            )
        return None
    if stat.S_ISDIR(status.st_mode):
        raise FileWriteError(Path(path), _("it is a folder; give the name of a file to write"))
    if not stat.S_ISREG(status.st_mode):
        raise FileWriteError(
            Path(path), _("it is not a regular file (a pipe, a socket or a device)")
        )
    return stat.S_IMODE(status.st_mode)


def write_atomically(path: Path, content: Content, *, durable: bool = True) -> None:
    """Write the whole file at ``path`` or leave what was there before.

    ``content`` is the file's bytes or a function writing them to a binary stream.
    ``durable`` waits for the bytes to reach the disk before the rename, so a power cut
    cannot leave an empty file; a batch of thousands of files passes False and flushes
    them all once at its end (``os.sync``), since one wait per file costs milliseconds.
    """
    # Plain strings: a batch writes thousands of files, and pathlib's parsing of each
    # name would cost more than the writing.
    target = os.fspath(path)
    partial, kept_mode = _written_beside(target, content, durable=durable)
    try:
        os.replace(partial, target)
    except OSError as error:
        _remove(partial)
        raise FileWriteError(Path(target), _reason(error, kept_mode is not None)) from None


def write_together(files: Sequence[tuple[Path, Content]], *, durable: bool = True) -> None:
    """Write files that are read together (a table and the table of its members) all
    whole, or none of them: each is written beside its target first, the files there
    before are kept under a second name, and only then are the new ones put in their
    places; a full disk, or a file the system will not let be replaced (one open in
    Excel on Windows), puts back those already placed, so no new file is ever left
    beside an old one it no longer matches. Two names of one file (a link made to the
    other) are refused before anything is written: the second would replace the first.
    A file that cannot be put back is said, with where its file of before is kept.
    ``durable``: as for :func:`write_atomically` (a batch syncs its folder once)."""
    count = len(files)
    if count == 1:  # said as any file written alone
        [(path, content)] = files
        write_atomically(path, content, durable=durable)
        return
    _refuse_one_file_twice([path for path, _content in files])
    written: list[tuple[str, str, int | None]] = []
    kept: dict[str, str] = {}
    """The files there before, by target: a second name (a hard link) for each."""
    try:
        for path, content in files:
            target = os.fspath(path)
            try:
                partial, mode = _written_beside(target, content, durable=durable, alone=False)
            except FileWriteError as error:
                raise _none_written(error.path, error.reason, count) from None
            written.append((partial, target, mode))
        for partial, target, mode in written:
            if mode is not None:
                before = f"{partial}.before"
                try:
                    _keep_a_copy(target, before)
                except OSError as error:
                    _remove(before)
                    raise _none_written(Path(target), _reason(error, False), count) from None
                kept[target] = before
        placed: list[str] = []
        for partial, target, _mode in written:
            try:
                os.replace(partial, target)
            except BaseException as error:  # an interrupt too: never half a pair
                stranded = _put_back(placed, kept)
                if not isinstance(error, OSError):
                    raise
                reason = _reason(error, False)
                if stranded:
                    raise _not_put_back(Path(target), reason, stranded) from None
                raise _none_written(Path(target), reason, count) from None
            placed.append(target)
    finally:
        for partial, _target, _mode in written:
            _remove(partial)
        for before in kept.values():
            _remove(before)


def _refuse_one_file_twice(paths: Sequence[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            raise FileWriteError(
                path,
                _("it is the same file as {other}; nothing was written").format(
                    other=quoted(str(seen[real]), 200)
                ),
            )
        seen[real] = path


def _keep_a_copy(target: str, before: str) -> None:
    """A second name for the file at ``target``: a hard link where the disk has them,
    else a copy (a memory stick formatted FAT or exFAT, some network shares)."""
    try:
        os.link(target, before)
    except OSError:
        shutil.copy2(target, before)


def _none_written(path: Path, reason: str, count: int) -> FileWriteError:
    return FileWriteError(
        path,
        _(
            "{reason}; none of the {count} files was written, those there before are unchanged"
        ).format(reason=reason, count=count),
    )


def _put_back(placed: list[str], kept: dict[str, str]) -> list[tuple[str, str | None]]:
    """Undo the placing of new files: each file there before back in its place, a file
    that was not there taken away again. The files it could not put back, each with the
    name its file of before stays under (taken out of ``kept``, so it is not removed),
    or None where there was none."""
    stranded: list[tuple[str, str | None]] = []
    for target in placed:
        before = kept.pop(target, None)
        try:
            if before is not None:
                os.replace(before, target)
            else:
                os.unlink(target)
        except OSError:
            stranded.append((target, before))
    return stranded


def _not_put_back(
    path: Path, reason: str, stranded: list[tuple[str, str | None]]
) -> FileWriteError:
    """The refusal of files written together when one placed already could not be put
    back: which, and where its file of before is, so nothing is lost unseen."""
    target, before = stranded[0]
    if before is None:
        left = _("{file} is new and could not be taken away again").format(file=quoted(target, 200))
    else:
        left = _("{file} is new: the file there before is kept as {copy}").format(
            file=quoted(target, 200), copy=quoted(before, 200)
        )
    return FileWriteError(path, _("{reason}; {left}").format(reason=reason, left=left))


def _written_beside(
    target: str, content: Content, *, durable: bool, alone: bool = True
) -> tuple[str, int | None]:
    """``content`` written whole to a new file beside ``target`` (see
    :func:`write_atomically`): its name, and the mode of the file it is to replace
    (None where there is none), which it has taken. Nothing is left behind on failure;
    the failure of a file written ``alone`` says the file there before is unchanged."""
    kept_mode = check_writable_target(target)
    said_kept = kept_mode is not None and alone
    folder, name = os.path.split(target)
    partial = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.partial")
    try:
        # 0o666 less the umask, as open() gives any new file; O_EXCL never follows a link.
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise FileWriteError(Path(target), _reason(error, said_kept)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            if kept_mode is not None:
                os.fchmod(stream.fileno(), kept_mode)
            if isinstance(content, bytes):
                stream.write(content)
            else:
                content(stream)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
    except OSError as error:
        _remove(partial)
        raise FileWriteError(Path(target), _reason(error, said_kept)) from None
    except BaseException:
        _remove(partial)
        raise
    return partial, kept_mode


def _remove(partial: str) -> None:
    """Take away a partial file; one that is already gone is fine."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(partial)


_FOLDERS_HELD = threading.Lock()


@contextlib.contextmanager
def folder_held(folder: Path) -> Iterator[None]:
    """Be the only writer of ``folder`` that holds it this way until the block ends: a
    save that reads a file there, compares it with what its editor read and writes it
    anew (the mail settings), so two saves never both find the file as read. Held
    against this program's other threads (its other windows) and, with the system's
    advisory lock on the folder itself (``flock``), which leaves no file behind, its
    other processes. A folder that cannot be opened is held against the threads alone:
    the write that follows says what the system refused."""
    with _FOLDERS_HELD:
        handle = _held_by_the_system(folder)
        try:
            yield
        finally:
            if handle is not None:
                os.close(handle)  # which lets the system's lock go


def _held_by_the_system(folder: Path) -> int | None:
    """``folder`` opened and locked by the system's advisory lock, waiting for another
    process's to end; None where the system has none or the folder cannot be opened."""
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
    except OSError:
        os.close(handle)
        return None
    return handle
