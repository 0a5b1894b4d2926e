#!/usr/bin/env bash
# Sets up a machine for Sasaeai: pnpm, the workspace's packages, the browser the add-in's tests
# drive, fonts for Japanese, LibreOffice (fixtures written by LibreOffice, printing to PDF) and
# poppler (reading those PDFs). Idempotent: on a ready machine it checks, installs nothing and
# never calls apt. The README's first command and .ci/run both run this one script.
#
#   bash scripts/setup.sh            set up (what is missing only)
#   bash scripts/setup.sh --dry-run  say what would be installed, change nothing
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
NODE_MAJOR_MIN=20
# The system packages, each with the command (or file) whose presence means it is already there.
# A machine that has the GUI LibreOffice or poppler from elsewhere is ready too: we check what the
# tests run, not how it got there.
APT_PACKAGES=(chromium fonts-noto-cjk libreoffice-calc-nogui poppler-utils)
APT_GET=apt-get
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}

DRY_RUN=0
[ "${1:-}" = "--dry-run" ] && DRY_RUN=1

say() { printf 'setup: %s\n' "$*" >&2; }
run() {
  if [ "$DRY_RUN" = 1 ]; then
    say "would run: $*"
  else
    say "running: $*"
    "$@"
  fi
}

# Whether what a package provides is present on this machine.
present() {
  case "$1" in
    chromium) [ -x "$CHROMIUM" ] ;;
    # No grep -q: it would close the pipe early and, under pipefail, fail on fc-list's SIGPIPE.
    fonts-noto-cjk) fc-list : family 2>/dev/null | grep -i 'noto sans cjk' >/dev/null ;;
    libreoffice-calc-nogui) command -v soffice >/dev/null 2>&1 ;;
    poppler-utils) command -v pdftoppm >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

# --- Node and pnpm -----------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1; then
  say "Node.js ${NODE_MAJOR_MIN} or later is needed first (https://nodejs.org/ or your distribution's nodejs package)."
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt "$NODE_MAJOR_MIN" ]; then
  say "Node.js ${NODE_MAJOR_MIN} or later is needed; this machine has $(node --version)."
  exit 1
fi

if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
  say "pnpm $PNPM_VERSION: present"
else
  run npm install --global "pnpm@$PNPM_VERSION"
fi

# --- System packages ---------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if present "$p"; then say "$p: present"; else missing+=("$p"); fi
done

sudo_cmd=()
apt_ok=0
if [ "${#missing[@]}" -gt 0 ] && command -v "$APT_GET" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt_ok=1
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_ok=1
    sudo_cmd=(sudo)
  fi
fi

browser_from_playwright=0
if [ "${#missing[@]}" -eq 0 ]; then
  say "system packages: all present, apt not needed"
elif [ "$apt_ok" = 1 ]; then
  run "${sudo_cmd[@]}" "$APT_GET" update
  run "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y --no-install-recommends "${missing[@]}"
else
  say "cannot install with apt (no apt-get, or neither root nor password-less sudo). Missing: ${missing[*]}"
  for p in "${missing[@]}"; do
    case "$p" in
      chromium)
        say "chromium: the add-in's browser tests will use the Chromium that Playwright downloads instead (installed below)."
        browser_from_playwright=1
        ;;
      fonts-noto-cjk) say "fonts-noto-cjk: install a Japanese font (Noto Sans CJK) yourself, or the add-in's screenshots show empty boxes." ;;
      libreoffice-calc-nogui) say "libreoffice-calc-nogui: install LibreOffice yourself (soffice on PATH); the tests that need it will fail until then." ;;
      poppler-utils) say "poppler-utils: install poppler (pdftoppm, pdfinfo) yourself; the tests that read PDFs will fail until then." ;;
    esac
  done
fi

# --- The workspace -----------------------------------------------------------------------------
run pnpm install --frozen-lockfile

if [ "$browser_from_playwright" = 1 ]; then
  # playwright-core is already a dev dependency of the add-in; its CLI fetches the matching build.
  run pnpm --filter addin exec playwright-core install chromium
  say "the add-in's tests find Playwright's Chromium when ${CHROMIUM} is absent (or set CHROMIUM_PATH)."
fi

say "ready"
