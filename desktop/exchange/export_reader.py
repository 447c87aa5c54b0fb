"""Check a decrypted export: strict JSON, schema version, JSON Schema, manifest and signature,
then the rules beyond the schema (export_rules: dates and times, exercise keys, numbers).

Every problem becomes ExportRejected with a short reason fit for a report. Messages never
quote the file's content, which may be huge or hostile. ``clinic open`` (read_export) and
``research collect`` (read_records, either way) apply the same checks.

Both schema versions are read, each checked against its own JSON Schema: 1 (no
``activity_ratings``, walking always answered) and 2 (what the app writes now).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from functools import lru_cache

from desktop import paths
from desktop.exchange import signing, strict_json
from desktop.exchange.payload import READABLE_VERSIONS, SCHEMA_VERSION

MAX_PLAINTEXT_BYTES = 64 * 1024 * 1024


class ExportRejected(RuntimeError):
    pass


@dataclass(frozen=True)
class VerifiedExport:
    export_id: str
    participant_id: str
    device_key_id: str
    sequence: int
    exported_at: str
    exported_on: str
    data: dict
    columns: dict | None = None  # section -> field -> values, when read the fast way (fast_decode.data)


def schema_path(version: str = SCHEMA_VERSION):
    """The JSON Schema of one export version (the newest by default): export-vN.schema.json."""
    if version not in READABLE_VERSIONS:
        raise ValueError(f"unknown export schema version {version!r}")
    return paths.resources_dir() / "schema" / f"export-v{version.rsplit('/', 1)[1]}.schema.json"


@lru_cache(maxsize=len(READABLE_VERSIONS))
def _validator(version: str = SCHEMA_VERSION):
    """The export schema, checked as a JSON Schema by jsonschema, compiled for speed."""
    import jsonschema

    from desktop.exchange.fast_schema import compile_schema

    with schema_path(version).open(encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    return compile_schema(schema)


def parse(plaintext: bytes) -> dict:
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        raise ExportRejected("the decrypted export is larger than 64 MiB")
    try:
        document = strict_json.loads(plaintext)
    except RecursionError:
        raise ExportRejected("the export's JSON is nested too deeply") from None
    except strict_json.StrictJsonError as exc:
        raise ExportRejected(str(exc)) from None
    except ValueError:
        raise ExportRejected("the decrypted content is not a JSON export") from None
    if not isinstance(document, dict):
        raise ExportRejected("the decrypted content is not a JSON export (not an object)")
    return document


def validate(document: dict) -> str:
    """Check the document against the schema of its own version (1 or 2); returns that version."""
    version = document.get("schema")
    if version not in READABLE_VERSIONS:
        shown = version if isinstance(version, str) and len(version) <= 40 else "missing or not text"
        raise ExportRejected(f"unknown schema version {shown!r}; this collector reads "
                             f"{' and '.join(READABLE_VERSIONS)}")
    from desktop.exchange.fast_schema import SchemaViolation

    try:
        _validator(version)(document)
    except RecursionError:
        raise ExportRejected("the export's JSON is nested too deeply") from None
    except SchemaViolation as exc:
        raise ExportRejected(f"does not match the export schema at {exc}") from None
    return version


def verify(document: dict, plaintext: bytes | None = None) -> VerifiedExport:
    """Signature, key id and payload hash; the document must already be schema-valid.

    The signed hash is of ``data``'s canonical JSON, which is how the app writes it in the
    document. Given the decrypted ``plaintext``, the hash of ``data``'s bytes exactly as they
    are written there is accepted too: the device's key vouches for those bytes, whatever
    their layout (the fast way of read_records checks only that hash)."""
    manifest = document["manifest"]
    data = document["data"]
    try:
        public_raw = signing.verify(manifest["device_public_key"], document["signature"],
                                    signing.canonical_json(manifest))
    except signing.SignatureInvalid as exc:
        raise ExportRejected(str(exc)) from None
    if signing.key_id(public_raw) != manifest["device_key_id"]:
        raise ExportRejected("the manifest's device key id does not match its public key")
    if manifest["participant_id"] != data["participant"]["participant_id"]:
        raise ExportRejected("the manifest and the data name different participants")
    try:
        canonical = signing.canonical_json(data)
    except UnicodeEncodeError:
        raise ExportRejected(NOT_UNICODE) from None
    except ValueError:
        raise ExportRejected("the data holds numbers JSON cannot represent") from None
    if strict_json.control_in_json(canonical):
        raise ExportRejected(CONTROL_CHARACTER)
    digest = signing.sha256_hex(canonical)
    if digest != manifest["payload_sha256"] and (
            plaintext is None or _written_data_digest(plaintext) != manifest["payload_sha256"]):
        raise ExportRejected("the data does not match its signed hash: the export was altered after it was made")
    return VerifiedExport(manifest["export_id"], manifest["participant_id"], manifest["device_key_id"],
                          manifest["sequence"], manifest["exported_at"], manifest["exported_on"], data)


def _written_data_digest(plaintext: bytes) -> str | None:
    """SHA-256 of the bytes of the document's ``data`` value exactly as written (None if msgspec
    cannot read the document: then the fast way cannot have accepted it either)."""
    msgspec = _fast_decode().msgspec
    try:
        raw = msgspec.json.decode(plaintext, type=dict[str, msgspec.Raw]).get("data")
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    return None if raw is None else signing.sha256_hex(raw)


NOT_UNICODE = "the export holds text that is not valid Unicode (half of a surrogate pair)"
CONTROL_CHARACTER = "the export holds text with a control character (only tabs and line breaks are allowed)"


def read_export(plaintext: bytes, today: dt.date | None = None) -> VerifiedExport:
    """The export, its ``data`` as plain JSON values (what ``clinic open`` reads). ``today``: the
    reader's today (no export may be made after it); the app's clock by default."""
    return _read_generic(plaintext, today)[0]


def _read_generic(plaintext: bytes, today: dt.date | None):
    """(the export with plain ``data``, that ``data`` as fast_decode's typed structs)."""
    document = parse(plaintext)
    version = validate(document)
    export = verify(document, plaintext)
    decoder = fast_decoder(version)
    records = decoder.convert(export.data)
    _check_rules(decoder, records, export, today)
    return export, records


def _check_rules(decoder, records, export: VerifiedExport, today: dt.date | None, extremes=None) -> None:
    from desktop.exchange import export_rules

    if today is None:
        from desktop.domain.clock import clock_from_environment

        today = clock_from_environment().today()
    reason = export_rules.problem(decoder, records, export.exported_on, export.exported_at, today, extremes)
    if reason is not None:
        raise ExportRejected(reason)


@lru_cache(maxsize=len(READABLE_VERSIONS))
def fast_decoder(version: str = SCHEMA_VERSION):
    from desktop.exchange.fast_decode import FastDecoder

    with schema_path(version).open(encoding="utf-8") as fh:
        return FastDecoder(json.load(fh))


_VERSION_MARK = b'"schema":"supportback-export/'


def _written_version(plaintext: bytes) -> str:
    """The version an export written the app's way names last (its top-level ``schema``); only a
    guess for choosing the fast decoder: the generic way reads and decides anything else."""
    found = plaintext.rfind(_VERSION_MARK, max(0, len(plaintext) - 4096))
    if found >= 0:
        end = plaintext.find(b'"', found + len(_VERSION_MARK))
        guess = plaintext[found + len(_VERSION_MARK) - len(b"supportback-export/"):end].decode("ascii", "replace")
        if guess in READABLE_VERSIONS:
            return guess
    return SCHEMA_VERSION


def read_records(plaintext: bytes, today: dt.date | None = None) -> VerifiedExport:
    """Like read_export, but ``data`` comes back as the typed structs of fast_decode.

    The fast way needs the document written exactly as the app writes it (canonical JSON,
    ``data`` first, so its bytes can be hashed as they are). Anything else, and anything the
    fast checks doubt or refuse, goes the generic way, which decides and explains: it accepts
    all the fast way accepts. Both end with the same rules (export_rules).
    """
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        raise ExportRejected("the decrypted export is larger than 64 MiB")
    decoder = fast_decoder(_written_version(plaintext))
    extremes: dict = {}
    export = _read_fast(decoder, plaintext, extremes)
    if export is None:
        export, records = _read_generic(plaintext, today)
        return replace(export, data=records)
    _check_rules(decoder, export.data, export, today, extremes)
    return export


@lru_cache(maxsize=1)
def _fast_decode():
    """The fast_decode module, imported on first use (it brings msgspec) and then at hand
    without an import statement per file."""
    from desktop.exchange import fast_decode

    return fast_decode


def _read_fast(decoder, plaintext: bytes, extremes: dict | None = None) -> VerifiedExport | None:
    fast = _fast_decode()
    msgspec, Miss = fast.msgspec, fast.Miss  # noqa: N806 - the exception class
    try:
        header, raw_data = decoder.document_parts(plaintext)
        manifest = header.manifest
        if signing.sha256_hex(raw_data) != manifest.payload_sha256:
            return None  # altered, or signed in another form: the generic way decides
        columns: dict = {}
        data = decoder.data(raw_data, columns, extremes)
        public_raw = signing.verify(manifest.device_public_key, header.signature,
                                    signing.canonical_json(msgspec.structs.asdict(manifest)))
    except (Miss, signing.SignatureInvalid):
        return None
    if (signing.key_id(public_raw) != manifest.device_key_id
            or manifest.participant_id != data.participant.participant_id):
        return None
    return VerifiedExport(manifest.export_id, manifest.participant_id, manifest.device_key_id, manifest.sequence,
                          manifest.exported_at, manifest.exported_on, data, columns)
