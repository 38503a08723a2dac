#!/usr/bin/env bash
# The main job on the shipped real data (run by `make demo` after a release build):
# describe one real run, audit every vendor whose claims have a real counterpart, write reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
audit=${AUDIT:-.build/release/audit}
mkdir -p reports

echo "== audit describe: Firecracker's own boot clock, 500 serial boots (NSDI'20 data)"
$audit describe benchmarks/results/nsdi2020-fc-api_instancestart-to-init-ms_cc1.json
echo
echo "== audit compare nsdi2020-fc-api firecracker (the ≤125 ms spec, audited on the matching clock)"
$audit compare nsdi2020-fc-api firecracker
# Every vendor with a real counterpart: Markdown and HTML reports in reports/.
for pair in "nsdi2020-fc-api firecracker" "nsdi2020-fc-file firecracker" "nsdi2020-qboot qboot" \
            "kuasar kuasar" "kata kuasar" "computesdk-e2b-sequential e2b" "computesdk-daytona-sequential daytona" \
            "computesdk-codesandbox-sequential codesandbox" "computesdk-modal-sequential modal"; do
  set -- $pair
  $audit compare "$1" "$2" --format md --out "reports/$1-vs-$2.md" --force
  $audit compare "$1" "$2" --format html --out "reports/$1-vs-$2.html" --force
done
$audit page --out reports/claims-page.json
echo
echo "== wrote reports/ (Markdown, HTML, and the /claims page data reports/claims-page.json)"
ls reports
