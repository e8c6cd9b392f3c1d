"""A staging folder that holds exactly what the last successful build produced.

Each edition is built into ``_build/staging/<lang>/`` with its environment in
``_build/doctrees/<lang>/``, and published from there (:mod:`publish`). Sphinx
trusts both folders on the next run: it judges a page up to date by file times,
never rereads a page that warned, and never removes a page whose source is
gone. This module wraps each build so that the staging folder can be trusted:

- **A failed build is forgotten.** Its output and environment are removed, so
  the next build is a full one and fails with the same warnings until the
  sources are fixed. A build that never finished (killed, power cut) leaves a
  marker; the next build sees it and starts afresh too.
- **Nothing stale survives.** After a successful build, every file the build
  no longer produces is removed: a page whose source was deleted, an image or
  a download no page uses, an export no extension writes. Pages are kept for
  the documents Sphinx found; ``_static/`` is emptied before each build, so
  it holds only what Sphinx copies this run; ``_images/`` and ``_downloads/``
  keep what the environment lists; any other file is kept only if this build
  wrote it.
- **A damaged staging folder is rebuilt.** A manifest (each file's size, times
  and SHA-256, ``_static/`` left out) is written after each successful build. Before the next one,
  every file is checked against it: same size, modification and change times
  and inode means untouched (a write or ``touch`` changes the change time), and
  only a file whose times differ is hashed. Any missing, extra or changed file
  means a fresh build.

Usage (the Makefile's ``html-%`` target)::

    python extensions/staging.py _build/staging/en _build/doctrees/en -- \\
        sphinx-build -b html -c . -W --keep-going -n -d _build/doctrees/en \\
        -D language=en docs _build/staging/en

and ``"staging"`` in ``conf.py``'s ``extensions``: at the end of each build it
records, in the doctree folder, which pages, images and downloads the
environment holds. The wrapper exits with the build's status.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

_RUNNING = "kb-staging-running"
_MANIFEST = "kb-staging-manifest.json"
_EXPECTED = "kb-staging-expected.json"
_STATIC = "_static"
_FORMAT = 1


# -- Inside Sphinx: what the environment says the output holds ------------------


def _record_expected(app: Any, exception: Exception | None) -> None:
    """Write the outputs the environment accounts for (build-finished)."""
    builder = app.builder
    if exception is not None or builder.format != "html":
        return
    env = app.env
    outdir = Path(app.outdir)

    root = os.path.abspath(outdir)

    def relative(path: Any) -> str:
        # Sphinx makes each page's file name by joining the output folder and
        # the page's name: plain string work finds it again (resolving each of
        # 2,000 paths took 0.25 s of a no-op rebuild).
        return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()

    files = {relative(builder.get_outfilename(doc)) for doc in env.found_docs}
    images = getattr(builder, "imagedir", "_images")
    files |= {f"{images}/{name}" for _, name in env.images.values()}
    files |= {f"_downloads/{name}" for _, name in env.dlfiles.values()}
    if app.config.html_copy_source:
        suffix = app.config.html_sourcelink_suffix
        for doc in env.found_docs:
            source = env.doc2path(doc, False)
            files.add(f"_sources/{Path(source).as_posix()}{suffix}")
    for extra in app.config.html_extra_path:
        base = Path(app.confdir, extra)
        if base.is_file():
            files.add(base.name)
        elif base.is_dir():
            files |= {p.relative_to(base).as_posix() for p in _files(base)}
    folder = Path(app.doctreedir)
    folder.mkdir(parents=True, exist_ok=True)
    _write_json(folder / _EXPECTED, sorted(files))


def setup(app: Any) -> dict[str, object]:
    app.connect("build-finished", _record_expected, priority=900)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}


# -- Around Sphinx: prepare, forget, settle --------------------------------------


def _files(root: Path) -> list[Path]:
    """Every file under *root* (symlinks counted as files), sorted."""
    found = []
    for folder, _dirs, names in os.walk(root):
        found.extend(Path(folder, name) for name in names)
    return sorted(found)


def _write_json(path: Path, value: Any) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)


def _signature(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _load_manifest(doctrees: Path) -> dict[str, list] | None:
    try:
        saved = json.loads((doctrees / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("format") != _FORMAT:
        return None
    files = saved.get("files")
    return files if isinstance(files, dict) else None


def _in_static(relative: str) -> bool:
    return relative == _STATIC or relative.startswith(_STATIC + "/")


def differences(outdir: Path, doctrees: Path) -> list[str]:
    """What differs between *outdir* and the manifest of its last build.

    ``_static/`` is left out: it is emptied before every build. An empty list
    means the folder is what the last successful build left.

    >>> differences(Path("_build/staging/en"), Path("_build/doctrees/en"))  # doctest: +SKIP
    ['changed: drugs/riluzole.html']
    """
    manifest = _load_manifest(doctrees)
    if manifest is None:
        return ["no manifest of the last build"]
    found: list[str] = []
    seen = set()
    for path in _files(outdir):
        relative = path.relative_to(outdir).as_posix()
        if _in_static(relative):
            continue
        seen.add(relative)
        entry = manifest.get(relative)
        if entry is None:
            found.append(f"not built: {relative}")
            continue
        stat = path.lstat()
        if _signature(stat) == entry[:4]:
            continue
        if stat.st_size != entry[0] or _sha256(path) != entry[4]:
            found.append(f"changed: {relative}")
    found.extend(
        f"missing: {relative}"
        for relative in sorted(manifest)
        if relative not in seen and not _in_static(relative)
    )
    return found


def forget(outdir: Path, doctrees: Path) -> None:
    """Remove a build's output and environment: the next build starts afresh."""
    for folder in (outdir, doctrees):
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():  # a file where a folder should be, or no permission
            shutil.rmtree(folder)


def prepare(outdir: Path, doctrees: Path) -> str | None:
    """Make *outdir* safe to build into; return why it was emptied, if it was.

    The folder is emptied, with the environment, when the last build did not
    finish or the folder differs from the last manifest. ``_static/`` is always
    emptied. Then a marker says a build is running; its time is the build's start.
    """
    reason = None
    if (doctrees / _RUNNING).exists():
        reason = "the last build did not finish"
    elif outdir.exists() or doctrees.exists():
        found = differences(outdir, doctrees)
        if found:
            shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
            reason = f"{outdir} is not what the last build left ({shown})"
    if reason:
        forget(outdir, doctrees)
    shutil.rmtree(outdir / _STATIC, ignore_errors=True)
    doctrees.mkdir(parents=True, exist_ok=True)
    (doctrees / _RUNNING).write_text(f"{os.getpid()}\n", encoding="utf-8")
    return reason


def settle(outdir: Path, doctrees: Path) -> list[str]:
    """After a successful build: remove what it did not produce, write the manifest.

    Returns the removed files, relative to *outdir*.
    """
    running = doctrees / _RUNNING
    start = running.stat().st_mtime_ns
    expected_file = doctrees / _EXPECTED
    if not expected_file.exists() or expected_file.stat().st_mtime_ns < start:
        raise SystemExit(
            f"staging: the build did not record what it produced ({expected_file});"
            " add 'staging' to the extensions in conf.py"
        )
    expected = set(json.loads(expected_file.read_text(encoding="utf-8")))
    old = _load_manifest(doctrees) or {}
    removed, manifest = [], {}
    for path in _files(outdir):
        relative = path.relative_to(outdir).as_posix()
        stat = path.lstat()
        if not (
            relative in expected or _in_static(relative) or stat.st_mtime_ns >= start
        ):
            path.unlink()
            removed.append(relative)
            continue
        if _in_static(relative):
            continue  # emptied before every build: never checked, never hashed
        signature = _signature(stat)
        entry = old.get(relative)
        digest = entry[4] if entry and entry[:4] == signature else _sha256(path)
        manifest[relative] = [*signature, digest]
    for folder, _dirs, _names in sorted(os.walk(outdir), reverse=True):
        if Path(folder) != outdir and not os.listdir(folder):
            os.rmdir(folder)
    _write_json(doctrees / _MANIFEST, {"format": _FORMAT, "files": manifest})
    running.unlink()
    return removed


def run(outdir: Path, doctrees: Path, command: list[str]) -> int:
    """Build with *command* into *outdir*, keeping the folder trustworthy."""
    reason = prepare(outdir, doctrees)
    if reason:
        print(f"staging: {reason}; building afresh", file=sys.stderr)
    status = subprocess.call(command)
    if status != 0:
        forget(outdir, doctrees)
        print(
            f"staging: the build failed; {outdir} and {doctrees} are removed, so"
            " the next build starts afresh and reports the same problems."
            " The published site is unchanged.",
            file=sys.stderr,
        )
        return status
    removed = settle(outdir, doctrees)
    if removed:
        shown = ", ".join(removed[:5]) + (", ..." if len(removed) > 5 else "")
        print(
            f"staging: removed {len(removed)} file(s) the sources no longer"
            f" produce: {shown}",
            file=sys.stderr,
        )
    return 0


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[2] != "--":
        print(
            "usage: python extensions/staging.py <outdir> <doctreedir> -- <command>...",
            file=sys.stderr,
        )
        return 2
    try:
        return run(Path(argv[0]), Path(argv[1]), argv[3:])
    except OSError as error:
        print(
            f"staging: {error.strerror or error} ({error.filename or argv[0]});"
            " the published site is unchanged.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
