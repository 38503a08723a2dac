#!/usr/bin/env bash
# Renders an HTML report from `audit compare --format html` in headless Chromium and saves a PNG, to
# check the plots by eye (the tests check the SVG structure; this checks that a browser draws it).
# Usage: tools/screenshot_report.sh REPORT.html OUT.png [WIDTHxHEIGHT]
# Needs: chromium (apt-get install chromium). Exits 1 when the screenshot is missing or blank.
set -euo pipefail
html=$(realpath "$1"); png=$2; size=${3:-1280x2400}
command -v chromium >/dev/null || { echo "screenshot_report: chromium not installed (apt-get install chromium)" >&2; exit 1; }
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="${size/x/,}" --screenshot="$png" "file://$html" >/dev/null 2>&1 || true
[ -s "$png" ] || { echo "screenshot_report: no screenshot written" >&2; exit 1; }
# A blank page compresses to a few kB; a report with plots is far larger.
bytes=$(stat -c %s "$png")
[ "$bytes" -gt 50000 ] || { echo "screenshot_report: $png is only $bytes bytes (blank?)" >&2; exit 1; }
echo "screenshot_report: wrote $png ($bytes bytes)"
