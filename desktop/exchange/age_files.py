"""age encryption (X25519 recipients) through pyrage, with guards for files from outside.

Guards learned the hard way: pyrage slows down badly on many or huge header stanzas, raises
OSError (not DecryptError) on a truncated file and may leave a partial output behind. So
before pyrage sees a file we insist it is a regular file (a named pipe or /dev/zero would be
read for ever), cap its size, insist the header ends within the first 64 KiB and holds at
most MAX_STANZAS stanzas, refuse ASCII-armoured and passphrase (scrypt) files, decrypt in a
child process that is killed after a time limit (pyrage keeps the interpreter lock, so a
thread could not be stopped), and write plaintext files through a temporary file renamed
only on success.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from desktop.exchange import files

MAX_FILE_BYTES = 64 * 1024 * 1024
HEADER_LIMIT = 64 * 1024
# pyrage's time grows with the square of the header's stanzas (1,000 tiny ones: 0.9 s; 4,000: 12 s)
# and each X25519 stanza costs a key agreement: a file with more is refused before pyrage sees it.
# An export has one per clinic key and one "grease" stanza, so it can go to at most MAX_RECIPIENTS keys.
MAX_STANZAS = 20
MAX_RECIPIENTS = 16
DECRYPT_SECONDS = 20.0
SMALL_FILE_BYTES = 64 * 1024  # an identity or recipients file
_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")
_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


class AgeFileError(RuntimeError):
    """A file could not be encrypted or decrypted; the message is fit for the user."""


class RecipientError(AgeFileError):
    pass


class WrongKey(AgeFileError):
    pass


# Recipients and identities -------------------------------------------------------------
def check_recipient(text: str):
    """An ``age1...`` X25519 recipient, or RecipientError saying what is wrong with it."""
    from pyrage import x25519

    value = text.strip()
    if not value:
        raise RecipientError("No clinic key was given; it looks like age1 followed by 58 letters and digits.")
    if value.upper().startswith("AGE-SECRET-KEY-"):
        raise RecipientError("That is a secret identity, not a clinic key: never share it. "
                             "Give the public key that starts with age1.")
    if not _RECIPIENT.match(value):
        raise RecipientError(f"{_short(value)!r} is not a clinic key: it should be age1 followed by 58 "
                             "lower-case letters and digits (62 characters in all).")
    try:
        return x25519.Recipient.from_str(value)
    except Exception:  # noqa: BLE001 - pyrage's own error types vary by version
        raise RecipientError(f"{_short(value)!r} is not a valid clinic key (its checksum does not match).") from None


def read_recipients_file(path: Path) -> list[str]:
    """One recipient per line; blank lines and lines starting with # are ignored."""
    try:
        text = files.read_regular(path, SMALL_FILE_BYTES).decode("utf-8")
    except (files.NotRegularFile, files.FileTooLarge) as exc:
        raise RecipientError(f"{path} cannot be a file of age1... keys: {exc}.") from None
    except UnicodeDecodeError:
        raise RecipientError(f"{path} is not a text file of age1... keys.") from None
    values = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    if not values:
        raise RecipientError(f"{path} holds no age1... keys.")
    for number, value in enumerate(values, 1):
        try:
            check_recipient(value)
        except RecipientError as exc:
            raise RecipientError(f"{path}, key {number}: {exc}") from None
    return values


def generate_identity() -> tuple[str, str]:
    """A new key pair: (secret identity ``AGE-SECRET-KEY-1...``, public recipient ``age1...``)."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def identity_file_text(secret: str, recipient: str) -> str:
    return f"# SupportBack clinic key. Keep this file secret.\n# public key: {recipient}\n{secret}\n"


def read_identity(path: Path) -> str:
    """The secret ``AGE-SECRET-KEY-1...`` line of an identity file (as age-keygen writes it)."""
    from pyrage import x25519

    try:
        lines = files.read_regular(path, SMALL_FILE_BYTES).decode("utf-8").splitlines()
    except files.FileTooLarge:
        raise AgeFileError(f"{path} is too large to be an identity file.") from None
    except files.NotRegularFile as exc:
        raise AgeFileError(f"{path} cannot be an identity file: {exc}.") from None
    except UnicodeDecodeError:
        raise AgeFileError(f"{path} is not an identity file (not text).") from None
    secrets = [line.strip() for line in lines if line.strip().upper().startswith("AGE-SECRET-KEY-1")]
    if len(secrets) != 1:
        raise AgeFileError(f"{path} is not an identity file: it should hold exactly one AGE-SECRET-KEY-1... line.")
    try:
        x25519.Identity.from_str(secrets[0])
    except Exception:  # noqa: BLE001
        raise AgeFileError(f"{path} holds a damaged secret key.") from None
    return secrets[0]


def _short(value: str) -> str:
    return value if len(value) <= 24 else value[:20] + "..."


# Encryption ------------------------------------------------------------------------------
def encrypt(data: bytes, recipients: list[str]) -> bytes:
    import pyrage

    if not recipients:
        raise RecipientError("No clinic key was given.")
    if len(recipients) > MAX_RECIPIENTS:
        raise RecipientError(f"{len(recipients)} clinic keys were given; an export can go to at most "
                             f"{MAX_RECIPIENTS} (a collector refuses files with more).")
    return pyrage.encrypt(data, [check_recipient(r) for r in recipients])


def write_file_atomically(target: Path, data: bytes, mode: int = 0o644, *, overwrite: bool = True) -> None:
    """The whole file or nothing: a temporary file beside the target, flushed, then renamed."""
    target = target.expanduser()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name")
    if not overwrite and target.exists():
        raise FileExistsError(f"{target} already exists; nothing was overwritten")
    fd, temp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".supportback-",
                                suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(temp, target)
        else:
            os.link(temp, target)  # fails if the target appeared meanwhile
            os.unlink(temp)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# Decryption ------------------------------------------------------------------------------
def header_problem(head: bytes, *, allow_passphrase: bool = False) -> str | None:
    """Why a file must not reach pyrage (judged from its first bytes), or None."""
    if not head.startswith(b"age-encryption.org/") and head.lstrip().startswith(_ARMOR):
        return "it is an ASCII-armoured age file; only binary .age files are accepted"
    if not head.startswith(b"age-encryption.org/"):
        return "it is not an age encrypted file"
    if not head.startswith(b"age-encryption.org/v1\n"):
        return "it uses an age format version this app does not know"
    end = head.find(b"\n--- ", 0, HEADER_LIMIT)
    if end < 0 or head.find(b"\n", end + 1, HEADER_LIMIT) < 0:
        return "its header is missing, damaged or larger than 64 KiB"
    if not allow_passphrase and any(line.startswith(b"-> scrypt") for line in head[:end].split(b"\n")):
        return "it is protected by a passphrase; exports must be encrypted to the clinic key"
    stanzas = head.count(b"\n-> ", 0, end + 1)
    if stanzas > MAX_STANZAS:
        return (f"its header holds {stanzas} recipient stanzas, more than the {MAX_STANZAS} an export "
                "may have (so many would make decryption very slow)")
    return None


def read_checked(path: Path, *, allow_passphrase: bool = False) -> bytes:
    """The file's bytes, after the file-kind, size and header checks."""
    try:
        fd = files.open_regular(path)
    except FileNotFoundError:
        raise AgeFileError(f"{path} does not exist.") from None
    except files.NotRegularFile as exc:
        raise AgeFileError(str(exc)) from None
    with os.fdopen(fd, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        data = file.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:  # (or it grew while being read)
        raise AgeFileError(f"the file is {max(size, len(data)) // (1024 * 1024)} MiB, more than the "
                           f"{MAX_FILE_BYTES // (1024 * 1024)} MiB an export can be")
    problem = header_problem(data[: HEADER_LIMIT + 1], allow_passphrase=allow_passphrase)
    if problem:
        raise AgeFileError(problem)
    return data


@lru_cache(maxsize=1)
def _pyrage():
    """(pyrage, pyrage.x25519), imported on first use and cached: no import statement per file."""
    import pyrage
    from pyrage import x25519

    return pyrage, x25519


def decrypt_in_process(data: bytes, secret: str) -> bytes:
    """Decrypt checked bytes with one X25519 identity, mapping pyrage's errors to clear ones."""
    pyrage, x25519 = _pyrage()
    try:
        return pyrage.decrypt(data, [x25519.Identity.from_str(secret)])
    except OSError:  # pyrage's way of saying the stream ended early
        raise AgeFileError("the file is cut short (truncated)") from None
    except pyrage.DecryptError as exc:
        raise _decrypt_error(str(exc)) from None


def _decrypt_error(message: str) -> AgeFileError:
    lowered = message.lower()
    if "no matching keys" in lowered:
        return WrongKey("it was not encrypted for this clinic key (wrong key)")
    if "out of memory" in lowered:
        return AgeFileError("it needs more memory than an export may use")
    if "mac" in lowered:
        return AgeFileError("it is damaged or altered (the header check failed)")
    if "truncated" in lowered or "fill whole buffer" in lowered:
        return AgeFileError("the file is cut short (truncated)")
    detail = message.splitlines()[0] if message else "decryption failed"
    return AgeFileError(f"it is damaged, altered or cut short ({detail})")


def _worker(connection, parent_end, secret: str) -> None:  # runs in the child process
    if parent_end is not None:
        parent_end.close()  # a forked child holds a copy; without closing it, EOF never comes
    while True:
        try:
            data = connection.recv_bytes()
        except EOFError:
            return
        try:
            connection.send(("ok", decrypt_in_process(data, secret)))
        except AgeFileError as exc:
            connection.send(("error", (type(exc).__name__, str(exc))))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, never a crash there
            connection.send(("error", ("AgeFileError", f"it could not be decrypted ({type(exc).__name__})")))


class BoundedDecryptor:
    """Decrypts one file at a time in a child process killed when it takes too long.

    Use as a context manager; the secret key goes to the child through a pipe, never a log.
    """

    def __init__(self, secret: str, seconds: float = DECRYPT_SECONDS):
        self.secret = secret
        self.seconds = seconds
        self._process = None
        self._connection = None

    def __enter__(self) -> BoundedDecryptor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        # fork: quick, and needs no importable __main__; the collector has no threads or Qt then.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        parent, child = context.Pipe()
        shared = parent if method == "fork" else None
        self._process = context.Process(target=_worker, args=(child, shared, self.secret), daemon=True)
        self._process.start()
        child.close()
        self._connection = parent

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None and self._process.pid is not None:
            self._process.join(2)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._process = self._connection = None

    def _kill(self) -> None:
        if self._process is not None and self._process.pid is not None:
            self._process.kill()
            self._process.join()
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None

    def decrypt(self, path: Path) -> bytes:
        data = read_checked(path)
        if self._process is None:
            self._start()
        try:
            self._connection.send_bytes(data)
        except OSError:
            self._kill()
            raise AgeFileError("decryption stopped unexpectedly") from None
        if not self._connection.poll(self.seconds):
            self._kill()
            raise AgeFileError(f"decryption took longer than {self.seconds:g} seconds and was stopped")
        try:
            status, value = self._connection.recv()
        except (EOFError, OSError):
            self._kill()
            raise AgeFileError("decryption stopped unexpectedly") from None
        if status == "ok":
            return value
        kind, message = value
        raise (WrongKey if kind == "WrongKey" else AgeFileError)(message)


def decrypt_to_file(source: Path, target: Path, secret: str, seconds: float = DECRYPT_SECONDS) -> None:
    """Decrypt a file; the target appears only once the whole plaintext was verified."""
    with BoundedDecryptor(secret, seconds) as decryptor:
        plaintext = decryptor.decrypt(source)
    write_file_atomically(target, plaintext, 0o600)
