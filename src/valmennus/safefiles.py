"""Reading and copying files a participant controls, without following what she planted there.

Participants own their assignment folder and their inbound submission folder, and the grader reads
both with the grader's rights. A symbolic link named like an answers file, pointing at another
participant's collected answers, would otherwise be read (and copied) as hers; a named pipe blocks
the reader forever; a device file reads without end. So every read and copy of participant files goes
through this module, which:

* opens with ``O_NOFOLLOW`` (a link is refused, not followed) and ``O_NONBLOCK`` (a pipe cannot hang
  the open), then checks with ``fstat`` on the open descriptor that it is a regular file: a check on
  the path followed by an open would leave a window to swap the file between the two;
* walks folders by descriptor (``dir_fd``), so a folder swapped for a link during the walk is refused
  too;
* refuses a regular file with more than one hard link (a hard link is another name for someone
  else's file) and anything over a size limit;
* reports every refusal with a reason key (``valmennus.i18n``), so the facilitator learns who
  submitted what, and the participant's good files still arrive.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1024 * 1024
FOLLOW_NOTHING = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
#: Temp files of an interrupted atomic write (``answers.atomic_write``): never a participant's work.
TEMP_PATTERNS = (".*.tmp",)


class NotRegularFile(OSError):
    """The path is a link, a pipe, a device, a socket or a folder; ``reason`` says which."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))
        self.reason = reason


class TooLarge(OSError):
    """The file is larger than the reader accepts."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"{size} bytes, limit {limit}", str(path))
        self.size = size
        self.limit = limit


def kind_of(mode: int) -> str:
    """A reason key for a file type that is not a plain file."""
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "directory"
    return "regular" if stat.S_ISREG(mode) else "special"


def _open_regular(path: str | os.PathLike[str], dir_fd: int | None = None) -> int:
    """Open a regular file for reading without following a link; raise ``NotRegularFile`` otherwise."""
    try:
        fd = os.open(path, FOLLOW_NOTHING, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW on a symbolic link
            raise NotRegularFile(path, "symlink") from None
        if exc.errno in (errno.ENXIO, errno.ENODEV):  # a socket, or a device with no driver
            raise NotRegularFile(path, "special") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotRegularFile(path, kind_of(info.st_mode))
    if info.st_nlink > 1:
        os.close(fd)
        raise NotRegularFile(path, "hardlink")
    return fd


def _read_fd(fd: int, path: str | os.PathLike[str], max_bytes: int | None) -> bytes:
    size = os.fstat(fd).st_size
    if max_bytes is not None and size > max_bytes:
        raise TooLarge(path, size, max_bytes)
    chunks, total = [], 0
    while True:
        chunk = os.read(fd, CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if max_bytes is not None and total > max_bytes:  # grew while we read
            raise TooLarge(path, total, max_bytes)
        chunks.append(chunk)


def read_regular(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file; ``NotRegularFile`` for anything else, ``TooLarge`` past ``max_bytes``."""
    fd = _open_regular(path)
    try:
        return _read_fd(fd, path, max_bytes)
    finally:
        os.close(fd)


def _lstat_mode(path: str | os.PathLike[str]) -> int | None:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


def is_regular(path: str | os.PathLike[str]) -> bool:
    """True for a plain file that is not a link (``Path.is_file`` follows links; this does not)."""
    mode = _lstat_mode(path)
    return mode is not None and stat.S_ISREG(mode)


def is_real_dir(path: str | os.PathLike[str]) -> bool:
    """True for a folder that is not a link to one."""
    mode = _lstat_mode(path)
    return mode is not None and stat.S_ISDIR(mode)


@dataclass
class Refusal:
    """One entry of a participant's folder that was not copied, and why (a reason key)."""

    path: str  # relative to the copied folder
    reason: str


@dataclass
class CopyReport:
    """What a safe copy did: the files copied, and what it refused."""

    copied: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # excluded by pattern (temp files, checkpoints)


def _excluded(name: str, exclude: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in exclude)


@contextlib.contextmanager
def _dir_fd(path: str | os.PathLike[str], dir_fd: int | None = None) -> Iterator[int]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                     dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise NotRegularFile(path, "symlink" if exc.errno == errno.ELOOP else "special") from None
        raise
    try:
        yield fd
    finally:
        os.close(fd)


def copy_regular_tree(src: str | os.PathLike[str], dest: str | os.PathLike[str], *,
                      exclude: tuple[str, ...] = (), max_file_bytes: int | None = None,
                      max_total_bytes: int | None = None, file_mode: int = 0o644,
                      dir_mode: int = 0o755,
                      accept: Callable[[os.stat_result], str | None] | None = None) -> CopyReport:
    """Copy the plain files and folders of ``src`` into ``dest``; refuse and report everything else.

    ``src`` itself must be a real folder (``NotRegularFile`` if it is a link). Links, pipes, devices,
    sockets, hard-linked files and files over ``max_file_bytes`` are not copied; each is reported
    with its reason, and the rest of the folder still arrives. ``accept`` may refuse a file by its
    ``fstat`` (for example a file owned by someone else) by returning a reason key. Once
    ``max_total_bytes`` is reached, the remaining files are refused as ``too_large``.
    """
    report = CopyReport()
    budget = [max_total_bytes]
    dest_path = Path(dest)
    with _dir_fd(src) as top:
        dest_path.mkdir(parents=True, exist_ok=True)
        os.chmod(dest_path, dir_mode)
        _copy_dir(top, dest_path, "", report, exclude, max_file_bytes, budget, file_mode, dir_mode, accept)
    return report


def _copy_dir(dir_fd: int, dest: Path, rel: str, report: CopyReport, exclude: tuple[str, ...],
              max_file_bytes: int | None, budget: list[int | None], file_mode: int, dir_mode: int,
              accept: Callable[[os.stat_result], str | None] | None) -> None:
    for name in sorted(os.listdir(dir_fd)):
        rel_name = f"{rel}{name}"
        if _excluded(name, exclude):
            report.skipped.append(rel_name)
            continue
        try:
            info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except FileNotFoundError:  # removed while we walked
            continue
        if stat.S_ISDIR(info.st_mode):
            try:
                with _dir_fd(name, dir_fd) as sub:
                    (dest / name).mkdir(exist_ok=True)
                    os.chmod(dest / name, dir_mode)
                    _copy_dir(sub, dest / name, rel_name + "/", report, exclude, max_file_bytes, budget,
                              file_mode, dir_mode, accept)
            except NotRegularFile as refused:  # swapped for a link between stat and open
                report.refused.append(Refusal(rel_name, refused.reason))
            continue
        if not stat.S_ISREG(info.st_mode):
            report.refused.append(Refusal(rel_name, kind_of(info.st_mode)))
            continue
        try:
            fd = _open_regular(name, dir_fd)
        except NotRegularFile as refused:
            report.refused.append(Refusal(rel_name, refused.reason))
            continue
        except FileNotFoundError:
            continue
        try:
            reason = accept(os.fstat(fd)) if accept is not None else None
            if reason is not None:
                report.refused.append(Refusal(rel_name, reason))
                continue
            limit = max_file_bytes
            if budget[0] is not None:
                limit = budget[0] if limit is None else min(limit, budget[0])
            try:
                payload = _read_fd(fd, name, limit)
            except TooLarge:
                report.refused.append(Refusal(rel_name, "too_large"))
                continue
            if budget[0] is not None:
                budget[0] -= len(payload)
            target = dest / name
            with contextlib.suppress(FileNotFoundError):
                if target.is_symlink() or target.exists():
                    target.unlink()
            out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, file_mode)
            try:
                _write_all(out, payload)
            finally:
                os.close(out)
            os.chmod(target, file_mode)
            report.copied.append(rel_name)
        finally:
            os.close(fd)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def non_regular_entries(folder: str | os.PathLike[str]) -> list[Refusal]:
    """Everything under ``folder`` that is not a plain folder or a plain, singly linked file."""
    found: list[Refusal] = []
    root = Path(folder)
    for dirpath, dirnames, filenames in os.walk(root):  # os.walk does not descend into linked folders
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            rel = str(path.relative_to(root))
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                found.append(Refusal(rel, kind_of(info.st_mode)))
            elif info.st_nlink > 1:
                found.append(Refusal(rel, "hardlink"))
    return found
