"""The installable bundle: what the spec puts in, and the built `supportback` run as a user would.

The build test runs PyInstaller into a temporary folder (about 30 s on 2 idle cores; see
README.md "Building the installable app") and then drives the built executable from a
folder outside the source tree, against a fresh data folder.
"""

from __future__ import annotations

import configparser
import csv
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.store import schema

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build_spec" / "supportback.spec"
SIZE_BUDGET_MB = 250


class _Recorder:
    """Stands in for one of PyInstaller's spec classes (Analysis, EXE...), keeping its arguments."""

    made: dict[str, _Recorder] = {}

    def __init__(self, kind: str, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.binaries, self.datas, self.pure, self.scripts = [], [], [], []
        _Recorder.made[kind] = self


def _run_spec(root: Path, monkeypatch) -> dict[str, _Recorder]:
    """Execute the spec as PyInstaller would, from `root`, recording what it asks for."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts the repository on it
    _Recorder.made = {}
    (root / "dist" / "supportback").mkdir(parents=True, exist_ok=True)
    namespace = {"SPECPATH": str(root / "build_spec"), "workpath": str(root / "work"),
                 "DISTPATH": str(root / "dist"), "__file__": str(SPEC)}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = lambda *a, _kind=kind, **k: _Recorder(_kind, *a, **k)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return _Recorder.made


def _copy_of_the_tree(tmp_path: Path, with_videos: bool) -> Path:
    """A stand-in repository: the real spec, desktop/ and resources/ linked, and our own videos/."""
    root = tmp_path / "repo"
    (root / "build_spec").mkdir(parents=True)
    for name in ("supportback.spec", "launch.py", "linux"):
        (root / "build_spec" / name).symlink_to(ROOT / "build_spec" / name)
    for name in ("desktop", "resources", "scripts"):
        (root / name).symlink_to(ROOT / name)
    if with_videos:
        (root / "videos" / "knee-rolls").mkdir(parents=True)
        (root / "videos" / "manifest.json").write_text("{}", encoding="utf-8")
        (root / "videos" / "knee-rolls" / "knee-rolls.mp4").write_bytes(b"\0")
    return root


def test_spec_bundles_resources_migrations_and_whatever_is_in_videos(tmp_path, monkeypatch):
    root = _copy_of_the_tree(tmp_path, with_videos=True)
    made = _run_spec(root, monkeypatch)
    datas = {(Path(source).resolve().relative_to(ROOT.resolve()) if "videos" not in source
              else Path(source).relative_to(root)).as_posix(): target
             for source, target in made["Analysis"].kwargs["datas"]}
    # Every migration, as a file where schema.MIGRATIONS_DIR expects it inside the bundle.
    assert datas["desktop/store/migrations/env.py"] == "desktop/store/migrations"
    versions = sorted(p.name for p in (ROOT / "desktop/store/migrations/versions").glob("*.py"))
    assert f"{schema.HEAD_REVISION}.py" in versions
    for name in versions:
        assert datas[f"desktop/store/migrations/versions/{name}"] == "desktop/store/migrations/versions"
    assert schema.MIGRATIONS_DIR.relative_to(ROOT / "desktop").as_posix() == "store/migrations"
    # All of resources/, in the same layout resources_dir() finds under the bundle.
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file():
            rel = path.relative_to(ROOT).as_posix()
            assert datas[rel] == str(Path(rel).parent), rel
    # Videos: globbed, nested folders kept.
    assert datas["videos/manifest.json"] == "videos"
    assert datas["videos/knee-rolls/knee-rolls.mp4"] == "videos/knee-rolls"
    assert not any("__pycache__" in source for source in datas)
    assert datas["build_spec/linux/supportback.desktop"] == "share"
    entry = made["Analysis"].args[0][0]
    assert Path(entry).name == "launch.py" and Path(entry).exists()


def test_spec_builds_without_a_videos_folder(tmp_path, monkeypatch):
    made = _run_spec(_copy_of_the_tree(tmp_path, with_videos=False), monkeypatch)
    targets = {target for _source, target in made["Analysis"].kwargs["datas"]}
    assert not any(target.startswith("videos") for target in targets)
    assert "resources/content/en" in targets


def test_workers_fork_on_linux_so_the_bundle_can_skip_that_start_up_hook_there():
    # The spec drops PyInstaller's multiprocessing hook on Linux to start faster. That is only
    # safe while every worker process is forked there (a spawned worker would open a second
    # app); elsewhere the hook stays and launch.py calls freeze_support().
    spec = SPEC.read_text(encoding="utf-8")
    assert '{"pyi_rth_multiprocessing"} if sys.platform.startswith("linux") else set()' in spec
    assert "freeze_support()" in (ROOT / "build_spec" / "launch.py").read_text(encoding="utf-8")
    for path in (ROOT / "desktop").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "ProcessPoolExecutor" not in source, path
        if "multiprocessing" in source:
            assert 'get_context(method)' in source and '"fork" if "fork" in' in source, (
                f"{path.relative_to(ROOT)} must fork its workers on Linux")


def test_linux_desktop_entry_starts_the_bundle_with_our_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "build_spec" / "linux" / "supportback.desktop", encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Type"] == "Application" and fields["Name"] == "SupportBack"
    assert fields["Exec"].split()[0].endswith("/supportback")
    assert fields["Icon"] == "supportback" and fields["StartupWMClass"] == "SupportBack"
    icons = ROOT / "resources" / "icons"
    assert (icons / "app.svg").exists()
    for size in (16, 32, 48, 64, 128, 256):
        assert (icons / f"app-{size}.png").stat().st_size > 100


# --- the built bundle ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(work / "config"))
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    shutil.rmtree(work / "build")  # PyInstaller's intermediate files: another 100 MB of /tmp
    return work / "dist" / "supportback"


def _run(bundle: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(bundle / "supportback"), *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120, check=False)


def _revision(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_built_bundle_runs_every_command_from_a_fresh_data_folder(bundle, tmp_path):
    data = tmp_path / "fresh-data"
    elsewhere = tmp_path / "somewhere-else"  # not the source tree: the bundle must carry everything
    elsewhere.mkdir()

    version = _run(bundle, "--version", cwd=elsewhere)
    assert version.returncode == 0 and __version__ in version.stdout

    smoke = _run(bundle, "--data-dir", str(data), "--smoke-test", cwd=elsewhere)
    assert smoke.returncode == 0, smoke.stderr
    assert "first_paint_ms=" in smoke.stdout
    assert _revision(data / "profiles" / "default" / "diary.sqlite") == schema.HEAD_REVISION

    demo = _run(bundle, "--data-dir", str(data), "demo", "--days", "30", cwd=elsewhere)
    assert demo.returncode == 0, demo.stderr
    out = tmp_path / "diary.csv"
    exported = _run(bundle, "diary", "export", str(out), "--data-dir", str(data), "--profile", "Demo", cwd=elsewhere)
    assert exported.returncode == 0, exported.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert 15 <= len(rows) <= 30 and f"Exported {len(rows)} days" in exported.stdout

    doctor = _run(bundle, "--data-dir", str(data), "--profile", "Demo", "doctor", cwd=elsewhere)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "Video playback (QtMultimedia) is available." in doctor.stdout
    assert "0 problems found" in doctor.stdout

    # A passphrase profile needs scrypt (OpenSSL's _hashlib) and SQLCipher inside the bundle.
    secret = tmp_path / "secret.txt"
    secret.write_text("green kettle on the hill\n")
    made = _run(bundle, "--data-dir", str(data), "profile", "create", "Priya", "--passphrase-file", str(secret),
                cwd=elsewhere)
    assert made.returncode == 0 and "encrypted" in made.stdout, made.stderr
    checked = _run(bundle, "--data-dir", str(data), "--profile", "Priya", "--passphrase-file", str(secret), "doctor",
                   cwd=elsewhere)
    assert "Profile 'Priya': diary file is healthy" in checked.stdout, checked.stdout + checked.stderr

    usage = _run(bundle, "diary", "frobnicate", cwd=elsewhere)
    assert usage.returncode == 2


@pytest.mark.slow
def test_built_bundle_upgrades_a_diary_from_an_older_version(bundle, tmp_path):
    data = tmp_path / "data"
    old = data / "profiles" / "old" / "diary.sqlite"
    old.parent.mkdir(parents=True)
    schema.upgrade_to(old, "0001_diary")  # a diary as the first release left it
    assert _revision(old) == "0001_diary"
    smoke = _run(bundle, "--data-dir", str(data), "--profile", "old", "--smoke-test", cwd=tmp_path)
    assert smoke.returncode == 0, smoke.stderr
    assert _revision(old) == schema.HEAD_REVISION


@pytest.mark.slow
def test_built_bundle_holds_what_the_app_needs_and_not_the_rest(bundle):
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    assert (qt / "plugins" / "multimedia" / "libffmpegmediaplugin.so").exists()
    assert {p.name for p in (qt / "plugins" / "platforms").iterdir()} >= {"libqxcb.so", "libqoffscreen.so"}
    assert (internal / "desktop" / "store" / "migrations" / "versions" / f"{schema.HEAD_REVISION}.py").exists()
    assert (internal / "resources" / "icons" / "app-256.png").exists()
    present = {p.name.split(".")[0] for p in (internal / "PySide6").glob("*.so")}
    assert present >= {"QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtMultimedia", "QtMultimediaWidgets"}
    unused = {"QtWebEngineCore", "Qt3DCore", "QtQml", "QtQuick", "QtCharts", "QtDataVisualization", "QtPdf",
              "QtSql", "QtTest", "QtBluetooth", "QtDesigner"}
    assert not present & unused
    assert not (qt / "qml").exists() and not (qt / "translations").exists()
    assert not list(internal.rglob("libQt6WebEngine*")) and not list(internal.rglob("libQt63D*"))
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()], "dangling links"
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < SIZE_BUDGET_MB * 1024 * 1024, f"bundle is {size / 1024 / 1024:.0f} MB (budget {SIZE_BUDGET_MB} MB)"


@pytest.mark.slow
def test_install_script_puts_the_app_in_the_menu_and_removes_it_again(bundle, tmp_path):
    prefix = tmp_path / "home" / ".local"
    env = dict(os.environ, PREFIX=str(prefix))
    env.pop("BUNDLE", None)
    script = str(bundle / "install.sh")  # as a clinic runs it from the unpacked bundle
    installed = subprocess.run([script], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert installed.returncode == 0, installed.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(prefix / "share" / "applications" / "supportback.desktop", encoding="utf-8")
    exe = Path(entry["Desktop Entry"]["Exec"])
    assert exe == prefix / "opt" / "supportback" / "supportback"
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "supportback.png").exists()
    assert _run(exe.parent, "--version", cwd=tmp_path).returncode == 0

    removed = subprocess.run([str(exe.parent / "install.sh"), "--remove"], capture_output=True, text=True, env=env,
                             timeout=60, check=False)
    assert removed.returncode == 0, removed.stderr
    assert not exe.exists() and not (prefix / "share" / "applications" / "supportback.desktop").exists()
    assert not (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "supportback.png").exists()
