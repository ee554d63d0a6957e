"""2.000 hostile files through the ingest, the target import and the Jakon import: none escapes as an exception,
none takes over 10 s, and no refused file changes the store (see tests/fuzz_files.py)."""

from tests.fuzz_files import run, run_boundaries


def test_two_thousand_hostile_files_are_refused_cleanly(capsys):
    report = run(2000, seed=7)
    with capsys.disabled():
        print("\n" + "\n".join("fuzz " + line for line in report.lines()))
    assert report.files == 2000
    assert report.unhandled == []
    assert report.slow == []
    assert report.store_changes == []
    # Money and counts in forms never read (fractions, trailing minus, bad groups, formulas).
    assert report.hostile_accepted == []
    assert min(report.by_class[k] for k in ("hostile-count", "jakon-hostile-money", "jakon-hostile-workers")) >= 80
    # Every class was tried, and the valid files among them were accepted.
    assert len(report.by_class) == 27
    # The workbook cases of issue 15 are refused or warned about, never stored silently.
    assert report.silent == []
    assert report.accepted >= report.by_class["valid"] + report.by_class["valid-xlsx"]
    assert report.refused > 1000


def test_hostile_boundary_files_are_refused_cleanly():
    report = run_boundaries(240, seed=7)
    assert report.unhandled == [] and report.slow == [] and report.store_changes == []
    assert len(report.by_class) == 8 and report.accepted == report.by_class["boundary-valid"]
    assert report.refused == 240 - report.accepted
