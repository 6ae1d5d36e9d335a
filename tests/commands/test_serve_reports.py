"""`stadstrends serve --reports DIR` with no such folder (a typo) or a file is refused with a
short error naming it, before it claims to serve; before, it started and served no reports
without a word. And the Dutch opgave descriptions are Dutch ('daily urban system' was left in
English)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

LOCALE = Path(__file__).resolve().parents[2] / "src" / "stadstrends" / "locale"


def _serve(db: Path, reports: Path, *lang: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stadstrends", "serve", "--db", str(db),
                           "--port", "1", "--reports", str(reports), *lang],
                          capture_output=True, text=True, timeout=60)


def test_a_missing_reports_folder_is_refused(synthetic_path: Path, tmp_path: Path) -> None:
    out = _serve(synthetic_path, tmp_path / "rapporten")
    assert out.returncode == 1 and "Traceback" not in out.stderr and not out.stdout
    assert out.stderr.splitlines() == [
        f"Fout: --reports {tmp_path / 'rapporten'}: deze map bestaat niet",
        f"Tip: maak er eerst rapporten in met `stadstrends report <gemeente> --out "
        f"{tmp_path / 'rapporten'}`, of laat --reports weg"]
    assert not (tmp_path / "rapporten").exists()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = _serve(synthetic_path, tmp_path / "a-file", "--lang", "en")
    assert out.returncode == 1 and out.stderr.startswith(
        f"Error: --reports {tmp_path / 'a-file'}: this is a file, not a folder\nHint: ")


def test_the_dutch_opgave_descriptions_are_dutch() -> None:
    nl = yaml.safe_load((LOCALE / "nl.yaml").read_text(encoding="utf-8"))
    words = " ".join(nl["opgave_descriptions"].values()).lower()
    assert "urban" not in words and "daily" not in words
    assert "dagelijks stedelijk systeem" in nl["opgave_descriptions"]["bestuur_samenspel"]
