#!/usr/bin/env bash
# Builds the Debian package with cargo-deb (release build; metadata in Cargo.toml,
# [package.metadata.deb]). Installs cargo-deb from crates.io if it is missing.
# Extra arguments go to `cargo deb` (e.g. --no-build to repackage an existing
# target/release/yusuan). The last line printed on stdout is the .deb's path.
#
#   packaging/build-deb.sh            # -> target/debian/yusuan_<version>-1_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo deb --version >/dev/null 2>&1; then
    echo "build-deb.sh: installing cargo-deb (cargo install cargo-deb --locked)" >&2
    cargo install cargo-deb --locked >&2
fi

# cargo deb prints the path of the package it wrote as its last line on stdout.
deb=$(cargo deb -p yusuan "$@" | tail -n 1)
if [ ! -f "$deb" ]; then
    echo "build-deb.sh: cargo deb did not report a package file (got: '$deb')" >&2
    exit 1
fi
echo "$deb"
