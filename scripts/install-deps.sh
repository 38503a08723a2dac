#!/usr/bin/env bash
# Installs the Debian packages audit needs to build and test, when they are missing.
# Uses sudo when not root. Safe to run repeatedly: does nothing when all are present.
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev)
if [ "${AUDIT_WITH_ANCHORS:-0}" = 1 ]; then
    # Only for the speed harness and fixture generators: R with boot.
    packages+=(r-base-core r-cran-boot)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The tests validate JSON output against schemas/ with Python's jsonschema.
if ! python3 -c "import jsonschema, referencing" >/dev/null 2>&1; then
    echo "install-deps: installing the jsonschema Python package" >&2
    python3 -m pip install --quiet jsonschema >/dev/null || { echo "install-deps: pip install jsonschema failed" >&2; exit 1; }
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: swift not found on PATH (Swift 6 toolchain required, e.g. /opt/swift/usr/bin)" >&2
    exit 1
fi
