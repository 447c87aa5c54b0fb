"""The age file guards: recipients, identities, header and size checks, truncation, time limit."""

from __future__ import annotations

import os
import stat
import time

import pyrage
import pytest
from pyrage import passphrase, x25519

from desktop.exchange import age_files


@pytest.fixture
def key():
    secret, recipient = age_files.generate_identity()
    return secret, recipient


def test_recipient_checks_say_what_is_wrong(key):
    secret, recipient = key
    assert age_files.check_recipient(f"  {recipient}\n") is not None
    with pytest.raises(age_files.RecipientError, match="secret identity"):
        age_files.check_recipient(secret)
    with pytest.raises(age_files.RecipientError, match="age1 followed by 58"):
        age_files.check_recipient("age1notakey")
    with pytest.raises(age_files.RecipientError, match="No clinic key"):
        age_files.check_recipient("   ")
    broken = recipient[:-1] + ("q" if recipient[-1] != "q" else "p")
    with pytest.raises(age_files.RecipientError, match="checksum"):
        age_files.check_recipient(broken)


def test_recipients_file_skips_comments_and_names_the_bad_line(tmp_path, key):
    _, recipient = key
    good = tmp_path / "keys.txt"
    good.write_text(f"# clinic\n\n{recipient}\n")
    assert age_files.read_recipients_file(good) == [recipient]
    bad = tmp_path / "bad.txt"
    bad.write_text(f"{recipient}\nage1oops\n")
    with pytest.raises(age_files.RecipientError, match="key 2"):
        age_files.read_recipients_file(bad)


def test_identity_file_round_trip_and_refusals(tmp_path, key):
    secret, recipient = key
    path = tmp_path / "id.txt"
    path.write_text(age_files.identity_file_text(secret, recipient))
    assert age_files.read_identity(path) == secret
    path.write_text(recipient + "\n")
    with pytest.raises(age_files.AgeFileError, match="exactly one AGE-SECRET-KEY"):
        age_files.read_identity(path)


def test_new_file_is_private_and_never_overwritten(tmp_path):
    target = tmp_path / "secret.txt"
    age_files.write_file_atomically(target, b"one", 0o600, overwrite=False)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        age_files.write_file_atomically(target, b"two", 0o600, overwrite=False)
    assert target.read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["secret.txt"]


def _encrypted(tmp_path, recipient, data=b"hello " * 1000):
    path = tmp_path / "x.age"
    path.write_bytes(age_files.encrypt(data, [recipient]))
    return path


def test_round_trip_and_wrong_key(tmp_path, key):
    secret, recipient = key
    path = _encrypted(tmp_path, recipient)
    with age_files.BoundedDecryptor(secret) as decryptor:
        assert decryptor.decrypt(path) == b"hello " * 1000
    other, _ = age_files.generate_identity()
    with age_files.BoundedDecryptor(other) as decryptor, pytest.raises(age_files.WrongKey, match="wrong key"):
        decryptor.decrypt(path)


def test_huge_header_is_refused_before_pyrage_sees_it(tmp_path):
    stanza = b"-> X25519 " + b"A" * 43 + b"\n" + (b"B" * 64 + b"\n") * 4200  # about 270 KiB
    path = tmp_path / "huge.age"
    path.write_bytes(b"age-encryption.org/v1\n" + stanza + b"--- " + b"C" * 43 + b"\n" + b"\0" * 100)
    started = time.perf_counter()
    with pytest.raises(age_files.AgeFileError, match="larger than 64 KiB"):
        age_files.read_checked(path)
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("content, reason", [
    (b"", "not an age encrypted file"),
    (b"date,pain\n2026-03-01,4\n", "not an age encrypted file"),
    (b"age-encryption.org/v2\n-> X 1\n--- a\n", "version"),
    (b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n", "ASCII-armoured"),
])
def test_files_that_are_not_binary_age_files_are_named_as_such(tmp_path, content, reason):
    path = tmp_path / "f.age"
    path.write_bytes(content)
    with pytest.raises(age_files.AgeFileError, match=reason):
        age_files.read_checked(path)


def test_passphrase_files_are_refused(tmp_path):
    path = tmp_path / "p.age"
    path.write_bytes(passphrase.encrypt(b"data", "correct horse"))
    with pytest.raises(age_files.AgeFileError, match="passphrase"):
        age_files.read_checked(path)


def test_size_cap(tmp_path, key, monkeypatch):
    _, recipient = key
    path = _encrypted(tmp_path, recipient, os.urandom(200_000))
    monkeypatch.setattr(age_files, "MAX_FILE_BYTES", 100_000)
    with pytest.raises(age_files.AgeFileError, match="more than"):
        age_files.read_checked(path)


def test_truncated_file_gets_a_clear_error_and_leaves_no_output(tmp_path, key):
    secret, recipient = key
    path = _encrypted(tmp_path, recipient, os.urandom(300_000))
    path.write_bytes(path.read_bytes()[:150_000])
    target = tmp_path / "plain.json"
    with pytest.raises(age_files.AgeFileError, match="cut short"):
        age_files.decrypt_to_file(path, target, secret)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["x.age"]


def test_pyrage_itself_raises_oserror_on_truncation(key):
    """The fact the guard above exists for; if pyrage changes, the mapping can be simplified."""
    secret, recipient = key
    data = pyrage.encrypt(os.urandom(300_000), [x25519.Recipient.from_str(recipient)])
    with pytest.raises((OSError, pyrage.DecryptError)):
        pyrage.decrypt(data[:150_000], [x25519.Identity.from_str(secret)])


def test_slow_decryption_is_stopped_and_the_next_file_still_works(tmp_path, key):
    secret, recipient = key
    big = tmp_path / "big.age"
    big.write_bytes(age_files.encrypt(os.urandom(40 * 1024 * 1024), [recipient]))
    small = _encrypted(tmp_path, recipient)
    with age_files.BoundedDecryptor(secret, seconds=0.01) as decryptor:
        with pytest.raises(age_files.AgeFileError, match="longer than"):
            decryptor.decrypt(big)
        decryptor.seconds = 20
        assert decryptor.decrypt(small) == b"hello " * 1000


# Point 4 of issue 15: hostile headers and files that are not files ------------------------
def _with_stanzas(data: bytes, count: int) -> bytes:
    """An encrypted file with ``count`` tiny made-up stanzas added to its header."""
    end = data.index(b"\n--- ") + 1
    return data[:end] + b"".join(b"-> x%d\n\n" % i for i in range(count)) + data[end:]


def test_point4_a_header_with_thousands_of_stanzas_is_refused_before_pyrage_in_milliseconds(tmp_path, key):
    secret, recipient = key
    hostile = tmp_path / "stanzas.age"
    hostile.write_bytes(_with_stanzas(age_files.encrypt(b"data", [recipient]), 4000))  # 11 s in pyrage
    assert hostile.stat().st_size < age_files.HEADER_LIMIT
    started = time.perf_counter()
    with pytest.raises(age_files.AgeFileError, match=r"4002 recipient stanzas, more than the 20"):
        age_files.read_checked(hostile)
    with age_files.BoundedDecryptor(secret) as decryptor, pytest.raises(age_files.AgeFileError, match="stanzas"):
        decryptor.decrypt(hostile)
    assert time.perf_counter() - started < 1
    # the limit itself: 20 pass the check (and fail pyrage's header MAC), 21 do not
    (tmp_path / "20.age").write_bytes(_with_stanzas(age_files.encrypt(b"data", [recipient]), 18))
    (tmp_path / "21.age").write_bytes(_with_stanzas(age_files.encrypt(b"data", [recipient]), 19))
    age_files.read_checked(tmp_path / "20.age")
    with pytest.raises(age_files.AgeFileError, match="21 recipient stanzas"):
        age_files.read_checked(tmp_path / "21.age")


def test_point4_an_export_goes_to_at_most_16_keys_and_such_a_file_opens(tmp_path, key):
    secret, recipient = key
    others = [age_files.generate_identity()[1] for _ in range(age_files.MAX_RECIPIENTS)]
    with pytest.raises(age_files.RecipientError, match="at most 16"):
        age_files.encrypt(b"data", [recipient, *others])
    path = tmp_path / "sixteen.age"
    path.write_bytes(age_files.encrypt(b"data", [*others[:15], recipient]))  # 16 stanzas and a grease one
    with age_files.BoundedDecryptor(secret) as decryptor:
        assert decryptor.decrypt(path) == b"data"


class _Alarm:
    """Fails the test (instead of hanging it) if the block takes longer than ``seconds``."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        import signal

        def fail(*_):
            raise TimeoutError("blocked")

        self.previous = signal.signal(signal.SIGALRM, fail)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        import signal

        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_point4_a_fifo_a_device_or_a_folder_is_refused_without_reading_or_blocking(tmp_path, key):
    secret, _ = key
    fifo = tmp_path / "pipe.age"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.age"
    zero.symlink_to("/dev/zero")  # 20 s and 2.7 GB before
    folder = tmp_path / "folder.age"
    folder.mkdir()
    started = time.perf_counter()
    with _Alarm(5):
        for path, reason in ((fifo, "named pipe"), (zero, "device"), (folder, "folder")):
            with pytest.raises(age_files.AgeFileError, match=reason):
                age_files.read_checked(path)
            with age_files.BoundedDecryptor(secret) as decryptor, pytest.raises(age_files.AgeFileError,
                                                                                match=reason):
                decryptor.decrypt(path)
            with pytest.raises(age_files.AgeFileError, match=f"cannot be an identity file: it is a {reason}"):
                age_files.read_identity(path)
            with pytest.raises(age_files.RecipientError, match=reason):
                age_files.read_recipients_file(path)
    assert time.perf_counter() - started < 2
