#!/usr/bin/env bash
# Set up a Debian/Ubuntu machine for Stadstrends development: the Debian packages the tests
# need and the Python package with its dev extras. Safe to run again: installs only what is
# missing. Then run the tests with `python3 -m pytest` (.ci/run does exactly this).
#
# Debian packages (apt), and why:
#   chromium           browser tests (Playwright drives /usr/bin/chromium; no browser download)
#   poppler-utils      pdftoppm/pdftotext: tests turn report PDFs into pages and text
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
#                      WeasyPrint's text layout: needed for PDF reports (tests and users)
#   fonts-dejavu-core  a font for PDFs and screenshots
# Python (pip, into the active environment, e.g. a virtualenv):
#   -e ".[dev]"        Stadstrends plus pytest, pytest-cov, ruff, playwright, schemathesis,
#                      axe-playwright-python (accessibility checks) and inequality (PySAL,
#                      cross-checks the inequality measures)
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
              fonts-dejavu-core)

say() { printf 'setup-dev: %s\n' "$*"; }

if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  say "this script needs Debian or Ubuntu (dpkg and apt-get); install these packages with your"
  say "system's package manager instead, then run: python3 -m pip install -e \".[dev]\""
  say "  ${apt_packages[*]}"
  exit 1
fi

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "Debian packages already installed: ${apt_packages[*]}"
else
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      say "missing Debian packages: ${missing[*]}"
      say "installing them needs root and there is no sudo. As root, run:"
      say "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
      say "then run this script again."
      exit 1
    fi
    as_root=(sudo)
    say "not root: installing Debian packages with sudo (you may be asked for your password)"
  fi
  say "installing Debian packages: ${missing[*]}"
  if ! { ${as_root[@]+"${as_root[@]}"} apt-get update -qq &&
         ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive \
           apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    say "could not install the Debian packages ${missing[*]}."
    say "As root, run: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    say "then run this script again."
    exit 1
  fi
fi

# pip refuses to install into a system Python that Debian manages (PEP 668): ask for a venv
if python3 - <<'PY'
import sys, sysconfig, pathlib
in_venv = sys.prefix != sys.base_prefix
managed = (pathlib.Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED").exists()
sys.exit(0 if managed and not in_venv else 1)
PY
then
  say "python3 is the system's Python, which pip may not change (externally managed)."
  say "Create and activate a virtualenv, then run this script again:"
  say "  python3 -m venv .venv && . .venv/bin/activate && scripts/setup-dev.sh"
  exit 1
fi

say "installing Stadstrends with its dev extras into $(python3 -c 'import sys; print(sys.prefix)')"
python3 -m pip install --quiet --upgrade pip
python3 -m pip install --quiet -e ".[dev]"
say "done; run the tests with: python3 -m pytest   (the fast part: python3 -m pytest -m \"not slow\")"
