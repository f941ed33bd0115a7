#!/usr/bin/env bash
# Builds the field bundle (`make build`) and checks it the way an administrator would:
# --version, --self-check, the window (offscreen), and a real round trip against a centre on
# 127.0.0.1 (build_scripts/smoke_packaged.py). Also fails when Qt or server parts that the
# field program does not use crept into the bundle. Exits non-zero on any failure.
# Usage: build_scripts/ci_package_check.sh        (from anywhere; works in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=dist/realname-desktop
export QT_QPA_PLATFORM=offscreen

started=$(date +%s)
make build
built=$(date +%s)
echo "package: build took $((built - started)) s"

[[ -x $bundle/realname-desktop && -x $bundle/realname-desktop-cli ]] || {
  echo "package: FAILED: $bundle lacks realname-desktop or realname-desktop-cli" >&2; exit 1; }

# Lean: no Qt module the program does not use, no central server stack.
unwanted=$(find "$bundle" \( -iname '*Qt6WebEngine*' -o -iname '*Qt6Quick*' -o -iname '*Qt6Qml*' \
  -o -iname '*Qt63D*' -o -iname '*Qt6Multimedia*' -o -iname '*Qt6Pdf*' \
  -o -iname '*Qt6VirtualKeyboard*' -o -name 'uvloop' -o -name 'uvicorn' -o -name 'fastapi' \
  -o -name 'psycopg*' \) -print)
if [[ -n $unwanted ]]; then
  echo "package: FAILED: parts the field program does not use are in the bundle:" >&2
  echo "$unwanted" >&2
  exit 1
fi
pure_modules=build/realname/PYZ-00.toc
if [[ -f $pure_modules ]] && grep -E -q "\('(fastapi|uvicorn|starlette|alembic|psycopg|sync\.central)[.']" "$pure_modules"; then
  echo "package: FAILED: the central endpoint's modules are in the bundle:" >&2
  grep -E -o "\('(fastapi|uvicorn|starlette|alembic|psycopg|sync\.central)[^']*'" "$pure_modules" | head >&2
  exit 1
fi
echo "package: size $(du -sh "$bundle" | cut -f1), $(find "$bundle" -type f | wc -l) files"

.venv/bin/python build_scripts/smoke_packaged.py "$bundle"
echo "package: checks took $(( $(date +%s) - built )) s"
