"""The record beside the output, written as it goes and read back: same files, same digests,
and a first line a no-op build can read alone."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from unittest import mock

import pytest
from conftest import Site
from hypothesis import given, settings
from hypothesis import strategies as st

from nicepick import manifest, stamps
from nicepick.manifest import Manifest, content_of, file_record, made_from

_hex = st.text("0123456789abcdef", min_size=24, max_size=24)
_paths = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), min_size=1)
_records = st.dictionaries(_paths, st.tuples(st.just("") | _hex, _hex), max_size=40)


@settings(max_examples=60, deadline=None)
@given(_records, st.integers(1, 5))
def test_the_record_lists_every_file_with_its_digests(
    records: dict[str, tuple[str, str]], lines: int
) -> None:
    """Written in chunks of any size, the record is one JSON document, the settings alone on
    its first line, and every file's "fingerprint:hash" in it."""
    files = {path: file_record(fp, content) for path, (fp, content) in records.items()}
    written = Manifest(files, "inputs-sig", "theme-sig")
    original = manifest._RECORD_LINES
    manifest._RECORD_LINES = lines
    try:
        handle = io.BytesIO()
        written.write_json(handle, "7:42", "abc")
    finally:
        manifest._RECORD_LINES = original
    text = handle.getvalue().decode("ascii")
    data = json.loads(text)
    assert data["files"] == files
    assert list(data["files"]) == sorted(files)
    assert (data["inputs"], data["theme"], data["folder"]) == ("inputs-sig", "theme-sig", "7:42")
    head = json.loads(text.split("\n", 1)[0][:-1] + "}")
    assert head == {k: v for k, v in data.items() if k != "files"}
    for path, (fp, content) in records.items():
        assert content_of(files[path]) == content
        assert made_from(files[path], fp) == bool(fp)
        assert not made_from(files[path], fp + "0")
        assert not made_from(files[path], content) or fp == content


@settings(max_examples=60, deadline=None)
@given(st.lists(_paths, unique=True, max_size=30))
def test_the_listing_is_a_digest_of_the_sorted_paths(paths: list[str]) -> None:
    """The listing the record's first line and the kept stamps agree on: every path, sorted,
    joined by NUL; empty while a file has no stamp."""
    files = dict.fromkeys(paths, manifest.UNKNOWN)
    whole = "\0".join(sorted(paths)).encode("utf-8", "surrogateescape")
    expected = hashlib.blake2b(whole, digest_size=16).hexdigest()
    status = os.stat(__file__)
    packed = stamps.stamp_of(status)
    assert packed is not None
    assert Manifest(files, stamps=dict.fromkeys(paths, packed)).listing() == expected
    with mock.patch.object(manifest, "_RECORD_LINES", 3):  # digested a run at a time
        assert Manifest(files, stamps=dict.fromkeys(paths, packed)).listing() == expected
    if paths:
        assert Manifest(files, stamps={}).listing() == ""
        # As many stamps as files, one of them of another path.
        other = dict.fromkeys([*paths[1:], paths[0] + "x"], packed)
        assert Manifest(files, stamps=other).listing() == ""


def test_a_record_written_beside_the_output_reads_back(tmp_path: Path) -> None:
    output = tmp_path / "public"
    output.mkdir()
    files = {"index.html": file_record("a" * 24, "b" * 24), "x/é.html": file_record("", "c" * 24)}
    manifest.write_manifest(output, Manifest(files, "in", "th"), "listing")
    read = manifest.read_manifest(output)
    assert read is not None and read.files == files and (read.inputs, read.theme) == ("in", "th")
    assert manifest.read_head(output) == {
        "folder": manifest.folder_identity(output),
        "generator": "nicepick",
        "inputs": "in",
        "listing": "listing",
        "theme": "th",
    }
    # written through a temporary file, renamed into place: nothing else is left beside
    assert {p.name for p in tmp_path.iterdir()} == {"public", ".public.nicepick-manifest.json"}


def test_a_record_with_a_malformed_entry_is_not_trusted(tmp_path: Path) -> None:
    output = tmp_path / "public"
    output.mkdir()
    manifest.write_manifest(output, Manifest({"index.html": "no colon"}), "")
    assert manifest.read_manifest(output) is None


def test_a_stamp_knows_the_size_of_its_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"x" * 1234)
    stamp = stamps.stamp_of(os.lstat(page))
    assert stamp is not None and stamps.size_of(stamp) == 1234
    page.write_bytes(b"y" * 1235)
    assert stamps.stamp_of(os.lstat(page)) != stamp
    assert stamps.stamp_of(os.lstat(tmp_path)) is None  # a folder has none


def test_stamps_are_kept_in_order_and_read_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved a run at a time, read back whole in the order saved, each stamp in its place;
    a file cut short is no stamps at all (the next build compares bytes), never some."""
    monkeypatch.setattr(stamps, "_RUN", 7)
    output = tmp_path / "public"
    kept = {f"page-{n}.html": stamps.pack(n, n * 1000, n + 1) for n in range(50)}
    stamps.save(output, kept, "the-listing")
    back = stamps.load(output)
    assert back is not None and back.listing == "the-listing"
    assert back.paths == list(kept) and back.by_path() == kept
    assert back.stamps(3, 5) == kept["page-3.html"] + kept["page-4.html"]
    (saved,) = (tmp_path / "nicepick-cache").glob("stamps-*")
    data = saved.read_bytes()
    for cut in (len(data) // 2, len(data) - 1, 10):
        saved.write_bytes(data[:cut])
        assert stamps.load(output) is None
    stamps.save(output, {}, "")
    empty = stamps.load(output)
    assert empty is not None and empty.paths == [] and empty.by_path() == {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.binary(max_size=50), max_size=8))
def test_a_file_written_in_pieces_has_the_hash_of_its_bytes(pieces: list[bytes]) -> None:
    """The writers compare a file written in pieces with the record by this hash: it must be
    the hash of the same bytes written whole."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "export.json")
        digest = manifest.create_file_from(target, iter(pieces))
        assert Path(target).read_bytes() == b"".join(pieces)
    assert digest == manifest.content_hash(b"".join(pieces))


def _record_listing(output: Path) -> tuple[str, str]:
    """The listing the record beside `output` and the kept stamps were written with, and the
    one worked out afresh from that record and those stamps."""
    head = manifest.read_head(output)
    kept = stamps.load(output)
    record = manifest.read_manifest(output)
    assert head is not None and kept is not None and record is not None
    assert kept.listing == head["listing"]
    record.stamps, record.known_listing = kept.by_path(), ""
    return head["listing"], record.listing()


def test_a_build_that_adds_or_removes_no_file_keeps_the_listing_it_read(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that writes a few pages into an intact output leaves the list of files as it
    was: its listing is the one the build read, not worked out again (0.28 s at 100,000
    comparisons), and it is still the listing of what the build leaves. A build that adds a
    file works it out."""
    worked_out: list[int] = []
    real = Manifest._worked_out_listing

    def counting(self: Manifest) -> str:
        worked_out.append(len(self.files))
        return real(self)

    monkeypatch.setattr(Manifest, "_worked_out_listing", counting)
    output = site.root / "public"
    site.build()
    assert worked_out, "a full build works its listing out"
    first, _ = _record_listing(output)
    gamma = site.root / "comparisons/techniques/gamma.yaml"
    gamma.write_text(gamma.read_text().replace("summary: ", "summary: Again. ", 1))
    worked_out.clear()
    site.build()
    assert "Again." in site.text("tools/gamma/")
    assert worked_out == []
    written, afresh = _record_listing(output)
    assert written == afresh == first
    # A static file added, then removed, while the standings stand: the pages made per
    # comparison are carried over (reuse.Carried), and the list of files changes anyway.
    site.write("static/notes.txt", "Notes.")
    site.build()
    assert worked_out
    written, afresh = _record_listing(output)
    assert written == afresh != first
    (site.root / "static/notes.txt").unlink()
    worked_out.clear()
    site.build()
    assert worked_out and not (output / "notes.txt").exists()
    assert _record_listing(output) == (first, first)
