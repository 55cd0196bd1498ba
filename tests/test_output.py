"""output.py: safe names, atomic writes, formula-safe CSV, conflict checks."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from toolkit.errors import ExportError, OutputExistsError
from toolkit.engine.output import Manifest, check_conflicts, inside, write_atomic
from toolkit.documents.files import csv_bytes, csv_chunks, csv_safe, safe_slug


@pytest.mark.parametrize("text,slug", [("Luján", "lujan"), ("Hernández Rivera", "hernandez-rivera"),
                                       ("../../etc/passwd", "etc-passwd"), ("O'Neill", "o-neill"),
                                       ("", "x"), ("東京", "x")])
def test_safe_slug(text, slug):
    assert safe_slug(text) == slug


def test_inside_refuses_escape(tmp_path):
    assert inside(tmp_path, "letters/a.pdf") == (tmp_path / "letters/a.pdf").resolve()
    with pytest.raises(ExportError, match="refusing to write outside the output folder"):
        inside(tmp_path, "../evil.pdf")


@pytest.mark.parametrize("value,cell", [("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1", "'+1"),
                                        ("@x", "'@x"), ("-3", "-3"), ("\tx", "'\tx"),
                                        ("Luján", "Luján")])
def test_csv_safe(value, cell):
    assert csv_safe(value) == cell


def test_csv_bytes_has_bom_for_excel():
    data = csv_bytes([{"a": "Luján"}], ("a",))
    assert data.startswith("\ufeff".encode()) and "Luján".encode() in data


@pytest.mark.parametrize("code,reason", [(errno.ENOSPC, "No space left on device"),
                                         (errno.EROFS, "Read-only file system")])
def test_write_atomic_error_keeps_old_file_and_leaves_no_temp(tmp_path, monkeypatch, code, reason):
    write_atomic(tmp_path / "a.pdf", b"old")

    def fail(*args):
        raise OSError(code, reason)

    monkeypatch.setattr("toolkit.engine.output.os.replace", fail)
    with pytest.raises(ExportError) as caught:
        write_atomic(tmp_path / "a.pdf", b"new")
    assert str(caught.value) == (f"{tmp_path / 'a.pdf'}: cannot write: {reason}; "
                                 "files already written are complete, fix this and run again to finish")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"old"
    with pytest.raises(ExportError):
        write_atomic(tmp_path / "new.pdf", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_conflicts(tmp_path):
    manifest = Manifest.load(tmp_path)
    write_atomic(tmp_path / "mine.pdf", b"abc")
    manifest.record({"path": "mine.pdf", "sha256": __import__("hashlib").sha256(b"abc").hexdigest()})
    (tmp_path / "theirs.pdf").write_bytes(b"x")
    check_conflicts(manifest, ["mine.pdf", "new.pdf"], force=False)
    with pytest.raises(OutputExistsError) as caught:
        check_conflicts(manifest, ["mine.pdf", "theirs.pdf"], force=False)
    assert caught.value.problems == [f"{tmp_path / 'theirs.pdf'}: exists and was not made by this toolkit"]
    (tmp_path / "mine.pdf").write_bytes(b"edited")      # by hand, before the next run
    manifest = Manifest.load(tmp_path)                   # the row comes from the journal
    with pytest.raises(OutputExistsError, match="1 file"):
        check_conflicts(manifest, ["mine.pdf"], force=False)
    check_conflicts(manifest, ["mine.pdf", "theirs.pdf"], force=True)


def test_a_file_written_just_before_a_kill_is_still_ours(tmp_path):
    manifest = Manifest.load(tmp_path)
    manifest.expect("a.pdf", __import__("hashlib").sha256(b"new").hexdigest())
    write_atomic(tmp_path / "a.pdf", b"new")          # killed here, before record()
    again = Manifest.load(tmp_path)
    assert again.is_ours("a.pdf") and not again.is_recorded("a.pdf")
    check_conflicts(again, ["a.pdf"], force=False)


def test_manifest_rows_live_on_disk_in_path_order_and_save_whole(tmp_path):
    """A national campaign's manifest (600,000 rows of about 1 KB as dicts) must not grow
    the run's memory: 20,000 recorded rows cost the Python heap under 4 MB (as dicts
    they take about 20 MB), and the saved manifest.csv has every row, sorted by path."""
    import csv
    import tracemalloc

    manifest = Manifest.load(tmp_path)
    (tmp_path / "letters").mkdir()
    tracemalloc.start()
    for number in reversed(range(20_000)):
        manifest.record({"path": f"letters/{number:05d}-Trāoré.pdf", "kind": "letter",
                         "format": "pdf", "pages": 1, "sha256": f"{number:064x}",
                         "name": f"Member {number}", "source_sha256": "a" * 64})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 4 * 2**20, peak
    assert len(manifest.rows) == 20_000 and "letters/00007-Trāoré.pdf" in manifest.rows
    assert manifest.rows["letters/00007-Trāoré.pdf"]["sha256"] == f"{7:064x}"
    assert manifest.disk_sha256("letters/00007-Trāoré.pdf") == f"{7:064x}"   # as recorded
    manifest.save()
    with open(tmp_path / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["path"] for r in rows] == [f"letters/{n:05d}-Trāoré.pdf" for n in range(20_000)]
    assert rows[3]["pages"] == "1" and rows[3]["name"] == "Member 3"
    again = Manifest.load(tmp_path)
    assert again.rows["letters/19999-Trāoré.pdf"] == {**rows[-1]}


def test_csv_chunks_are_the_whole_csv_in_pieces():
    rows = [{"path": f"p{n}", "name": "=1+1" if n == 3 else f"Nom {n}"} for n in range(500)]
    chunks = list(csv_chunks(rows, ("path", "name"), size=1000))
    assert len(chunks) > 5 and all(len(c) < 1100 for c in chunks)
    expected = "\ufeffpath,name\r\n" + "".join(
        f"p{n},{chr(39) + '=1+1' if n == 3 else f'Nom {n}'}\r\n" for n in range(500))
    assert b"".join(chunks) == expected.encode("utf-8")


def test_a_full_temporary_folder_is_an_export_error_not_a_traceback(monkeypatch):
    import sqlite3

    def full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite3, "connect", full)
    with pytest.raises(ExportError, match=r"^the manifest's working copy cannot be kept in "
                                          r".+: database or disk is full; free space there, "
                                          r"or point TMPDIR at a folder with room"):
        Manifest.load(Path("/nonexistent"))


@pytest.mark.parametrize("content", [b"garbage\nmore garbage\n", b""])
def test_a_manifest_that_is_not_one_is_named_not_every_file(tmp_path, content):
    """A damaged or replaced manifest stops the run with one line naming it, instead of
    refusing every file as "not made by this toolkit"."""
    (tmp_path / "manifest.csv").write_bytes(content)
    with pytest.raises(ExportError) as caught:
        Manifest.load(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'manifest.csv'}: not a manifest this toolkit can read (no 'path' "
        f"column; damaged or replaced?): without it no file in {tmp_path} can be told apart "
        "from one edited by hand. Restore it; or move it away and run again with --force "
        "to remake the files; or choose another --out")
