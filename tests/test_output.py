"""The output folder: refused where a swap would destroy something, and host files kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Site

from nicepick import pages
from nicepick.cli import main


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): b"<dir>" if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if ".nicepick" not in p.name
    }


def test_refuses_the_site_folder_and_its_parents(site: Site) -> None:
    for output in (site.root, site.root.parent):
        result = site.build("--output", str(output), expect=1)
        assert "it contains the site's own files" in result.output
    assert (site.root / "comparisons/techniques/alpha.yaml").is_file()


@pytest.mark.parametrize(
    ("output", "folder"),
    [
        ("static/out", "static"),
        ("static", "static"),
        ("comparisons/techniques/out", "comparisons"),
        ("comparisons/out", "comparisons"),
        ("templates/out", "templates"),
    ],
)
def test_refuses_an_output_inside_a_folder_the_build_reads(
    site: Site, output: str, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output inside static/ was copied into itself one level deeper on every build; inside
    comparisons/ it would be read back as content. Typed from the site folder, as a user does."""
    site.write("static/logo.txt", "logo\n")
    site.write("templates/extra.html", "x\n")
    site.build()
    before = tree(site.root)
    monkeypatch.chdir(site.root)
    for flags in ([], ["--clean"], ["--force"]):
        result = site.runner.invoke(main, ["build", "-q", "-o", output, *flags])
        assert result.exit_code == 1
        assert result.output == (
            f"Error: refusing to build into {output}: it is inside the site's {folder}/ folder, "
            "which every build reads (choose a folder such as public/)\n"
        )
    assert tree(site.root) == before


def test_refuses_a_folder_it_did_not_create_unless_forced(site: Site, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    result = site.build("--output", str(mine), expect=1)
    assert "already holds files that nicepick did not write" in result.output
    site.build("--output", str(mine), "--force")
    assert (mine / "notes.txt").read_text() == "keep me"  # carried over, not deleted
    assert (mine / "index.html").is_file()


def test_refuses_an_output_that_is_a_file(site: Site, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    result = site.build("--output", str(target), expect=1)
    assert "it is a file, not a folder" in result.output


def test_host_files_and_user_files_survive_rebuilds(site: Site) -> None:
    site.build()
    (site.public / ".git").mkdir()
    (site.public / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site.public / "CNAME").write_text("picks.example.org\n")
    (site.public / "compare/extra.txt").write_text("hand-made\n")
    (site.public / "compare/alpha-vs-beta/notes.txt").write_text("beside a page\n")
    (site.public / "tools/alpha/media").mkdir()
    (site.public / "tools/alpha/media/logo.svg").write_text("<svg/>\n")
    site.comparison("alpha-vs-gamma", "compare: [alpha, gamma]\n")
    site.build()
    assert (site.public / "compare/alpha-vs-beta/notes.txt").read_text() == "beside a page\n"
    assert (site.public / "tools/alpha/media/logo.svg").read_text() == "<svg/>\n"
    assert (site.public / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (site.public / "CNAME").read_text() == "picks.example.org\n"
    assert (site.public / "compare/extra.txt").read_text() == "hand-made\n"
    assert (site.public / "compare/alpha-vs-gamma/index.html").is_file()


def test_removed_pages_disappear(site: Site) -> None:
    site.build()
    site.remove("comparisons/beta-vs-gamma.yaml")
    site.build()
    assert not (site.public / "compare/beta-vs-gamma").exists()
    beside = sorted(p.name for p in site.root.glob(".public.nicepick-*"))
    assert beside == [".public.nicepick-manifest.json"]  # no staging, no lock left behind


def counts(site: Site) -> tuple[int, int]:
    """(written, unchanged) as the build reports them."""
    result = site.runner.invoke(main, ["build", "--source", str(site.root)])
    assert result.exit_code == 0, result.output
    found = re.search(r"(\d[\d,]*) written, (\d[\d,]*) unchanged", result.output)
    assert found, result.output
    return int(found[1].replace(",", "")), int(found[2].replace(",", ""))


def test_the_record_of_a_build_is_kept_beside_the_site_not_published(site: Site) -> None:
    site.build()
    assert not list(site.public.rglob("*manifest*"))
    record = json.loads((site.root / ".public.nicepick-manifest.json").read_text())
    assert "compare/alpha-vs-beta/index.html" in record["files"]
    assert counts(site)[0] == 0


def test_a_record_naming_another_folder_rewrites_every_page(site: Site) -> None:
    """A build killed after its swap but before its record: the record describes the folder
    that was swapped out, so no page of it is trusted, and nothing is refused either."""
    site.build()
    page = site.public / "compare/alpha-vs-beta/index.html"
    record = site.root / ".public.nicepick-manifest.json"
    data = json.loads(record.read_text())
    data["folder"] = "0:0"
    record.write_text(json.dumps(data))
    before = page.stat().st_ino
    written, unchanged = counts(site)
    assert unchanged == 0 and written > 0
    assert page.stat().st_ino != before
    assert counts(site)[0] == 0  # and the next one is incremental again


def test_sitemap_becomes_an_index_past_the_limit(site: Site, monkeypatch) -> None:
    monkeypatch.setattr(pages, "SITEMAP_LIMIT", 5)
    site.build()
    index = (site.public / "sitemap.xml").read_text()
    assert "<sitemapindex" in index and "https://example.org/sitemap-1.xml" in index
    chunks = sorted(p.name for p in site.public.glob("sitemap-*.xml"))
    assert chunks == [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
    assert all(p.read_text().count("<url>") <= 5 for p in site.public.glob("sitemap-*.xml"))


def test_refuses_root_and_home(site: Site, monkeypatch, tmp_path: Path) -> None:
    result = site.build("--output", "/", expect=1)
    assert "refusing to build into /: it is the filesystem root" in result.output
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(Path, "home", lambda: home)
    result = site.build("--output", str(home), expect=1)
    assert "it is your home folder" in result.output


def test_refuses_an_output_inside_another_builds_output(site: Site, tmp_path: Path) -> None:
    """-o public/preview put a second site, and its record, inside the one deployed."""
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    nested = site.public / "preview"
    result = site.build("--output", str(nested), expect=1)
    assert (
        f"refusing to build into {nested}: it is inside {site.public}, the output of another "
        "build, and would be published with it (choose a folder beside it)"
    ) in result.output
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before
    assert site.build("--output", str(tmp_path / "beside")).exit_code == 0


def test_writes_outside_the_staging_folder_are_impossible(tmp_path: Path) -> None:
    import pytest

    from nicepick.writer import StagedOutput

    with StagedOutput(tmp_path / "out") as staged:
        for bad in ("../escape.html", "/etc/passwd", "a/../../b"):
            with pytest.raises(ValueError):
                staged.write(bad, b"x")
        (staged.staging / "link").symlink_to(tmp_path)
        with pytest.raises(ValueError):
            staged.write("link/inside.html", b"x")
    assert not (tmp_path / "escape.html").exists()
    assert not (tmp_path / "inside.html").exists()
