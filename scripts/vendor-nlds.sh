#!/bin/sh
# Vendor the NL Design System component CSS (Gemeente Utrecht's component library, EUPL-1.2)
# into the dashboard's static folder: served locally, never from a CDN. Run when updating
# the pinned versions below; the copied files are committed. The design tokens are our own
# (static/theme.css): @utrecht/design-tokens is Gemeente Utrecht's proprietary identity.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT="$HERE/src/stadstrends/publish/web/static/vendor/nlds"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
PACKAGES="button-css@3.1.0 textbox-css@3.1.0 select-css@2.0.1 form-label-css@2.0.1 table-css@2.0.2 alert-css@3.0.1"
for p in $PACKAGES; do set -- "$@" "@utrecht/$p"; done
npm install --no-audit --no-fund --silent "$@"
mkdir -p "$OUT"
: > "$OUT/nlds.css"
for p in $PACKAGES; do
  name=${p%@*}
  version=$(node -p "require('@utrecht/$name/package.json').version")
  printf '/* @utrecht/%s %s (EUPL-1.2) */\n' "$name" "$version" >> "$OUT/nlds.css"
  cat "node_modules/@utrecht/$name/dist/index.css" >> "$OUT/nlds.css"
  printf '\n' >> "$OUT/nlds.css"
done
cp node_modules/@utrecht/button-css/LICENSE.md "$OUT/LICENSE.md" 2>/dev/null || \
  printf 'EUPL-1.2: https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12\n' > "$OUT/LICENSE.md"
echo "wrote $OUT/nlds.css ($(wc -c < "$OUT/nlds.css") bytes)"
