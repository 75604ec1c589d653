#!/usr/bin/env bash
# Tests the Debian package without installing it:
#   builds it with packaging/build-deb.sh (or takes the path of a .deb as $1),
#   lists it with dpkg-deb -c and checks every expected file is in it,
#   validates the desktop entry (desktop-file-validate) and the MIME XML (xmllint,
#   and update-mime-database into a scratch directory when available),
#   unpacks it with dpkg -x into a temporary root and runs the unpacked
#   usr/bin/yusuan --version, import (of tests/fixtures/yima-2024/import) and check.
# Exits non-zero if any check fails.
#
# Needs: dpkg-deb, desktop-file-validate (desktop-file-utils), xmllint (libxml2-utils);
# optional: update-mime-database (shared-mime-info).
#   apt-get install -y desktop-file-utils libxml2-utils shared-mime-info
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

for tool in dpkg-deb desktop-file-validate xmllint; do
    if ! command -v "$tool" >/dev/null; then
        echo "test-deb.sh: $tool not found (apt-get install -y desktop-file-utils libxml2-utils)" >&2
        exit 2
    fi
done

if [ $# -ge 1 ]; then
    deb=$1
else
    deb=$(packaging/build-deb.sh | tail -n 1) || { echo "test-deb.sh: build failed" >&2; exit 1; }
fi
[ -f "$deb" ] || { echo "test-deb.sh: no such package: $deb" >&2; exit 1; }
echo "package: $deb"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok()   { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }
# check NAME CMD...: runs CMD, showing its output, and counts the result.
check() {
    local name=$1; shift
    if "$@" >"$tmp/out" 2>&1; then
        sed 's/^/       /' "$tmp/out"
        ok "$name"
    else
        sed 's/^/       /' "$tmp/out"
        fail "$name"
    fi
}

echo "== dpkg-deb -I"
dpkg-deb -I "$deb" | sed 's/^/   /'
check "dpkg-deb -I: package name is yusuan" sh -c "dpkg-deb -f '$deb' Package | grep -qx yusuan"

echo "== dpkg-deb -c"
if dpkg-deb -c "$deb" >"$tmp/listing"; then
    cat "$tmp/listing"
    ok "dpkg-deb -c lists the package"
else
    fail "dpkg-deb -c lists the package"
fi
expected=(
    ./usr/bin/yusuan
    ./usr/share/applications/yusuan.desktop
    ./usr/share/mime/packages/yusuan.xml
    ./usr/share/icons/hicolor/scalable/apps/yusuan.svg
    ./usr/share/doc/yusuan/copyright
    ./usr/share/doc/yusuan/OFL.txt
    ./usr/share/doc/yusuan/ime.md
)
for n in 16 32 48 64 128 256 512; do
    expected+=("./usr/share/icons/hicolor/${n}x${n}/apps/yusuan.png")
done
for f in "${expected[@]}"; do
    if awk '{print $6}' "$tmp/listing" | grep -qxF "$f"; then ok "in package: $f"; else fail "in package: $f"; fi
done
if grep -q ' ./usr/bin/yusuan$' "$tmp/listing" && grep ' ./usr/bin/yusuan$' "$tmp/listing" | grep -q '^-rwxr-xr-x'; then
    ok "usr/bin/yusuan is mode 755"
else
    fail "usr/bin/yusuan is mode 755"
fi

echo "== dpkg -x"
root=$tmp/root
check "dpkg -x into a temporary root" dpkg -x "$deb" "$root"

echo "== desktop entry"
check "desktop-file-validate usr/share/applications/yusuan.desktop" \
    desktop-file-validate "$root/usr/share/applications/yusuan.desktop"
check "desktop entry: Name=部门预算编制, Exec, Icon, MimeType" sh -c "
    d='$root/usr/share/applications/yusuan.desktop'
    grep -qx 'Name=部门预算编制' \"\$d\" && grep -qx 'Exec=yusuan %f' \"\$d\" &&
    grep -qx 'Icon=yusuan' \"\$d\" && grep -qx 'MimeType=application/x-yusuan;' \"\$d\" &&
    grep -qx 'Categories=Office;Finance;' \"\$d\""

echo "== MIME type"
mimexml=$root/usr/share/mime/packages/yusuan.xml
check "xmllint --noout usr/share/mime/packages/yusuan.xml" xmllint --noout "$mimexml"
if command -v update-mime-database >/dev/null; then
    mkdir -p "$tmp/mime/packages"
    cp "$mimexml" "$tmp/mime/packages/"
    check "update-mime-database accepts the definition" update-mime-database -V "$tmp/mime"
    check "MIME database: *.yusuan -> application/x-yusuan" \
        grep -q 'application/x-yusuan:\*\.yusuan' "$tmp/mime/globs2"
    check "MIME database: magic for application/x-yusuan" \
        grep -aq 'application/x-yusuan' "$tmp/mime/magic"
else
    echo "   (update-mime-database not installed: skipped the database check)"
fi

echo "== icons"
for n in 16 32 48 64 128 256 512; do
    png=$root/usr/share/icons/hicolor/${n}x${n}/apps/yusuan.png
    check "icon ${n}x${n} is a ${n}x${n} PNG" python3 -c "
import struct, sys
d = open('$png', 'rb').read(24)
assert d[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', d[16:24])
assert (w, h) == ($n, $n), (w, h)
"
done
check "xmllint --noout usr/share/icons/hicolor/scalable/apps/yusuan.svg" \
    xmllint --noout "$root/usr/share/icons/hicolor/scalable/apps/yusuan.svg"

echo "== the unpacked program"
bin=$root/usr/bin/yusuan
check "yusuan --version prints the version and the commit" sh -c "
    v=\$('$bin' --version) || exit 1
    echo \"\$v\"
    echo \"\$v\" | grep -Eq '^yusuan [0-9]+\.[0-9]+\.[0-9]+ \(commit [0-9a-f]{7,}\)\$'"
check "yusuan import tests/fixtures/yima-2024/import -o s.yusuan" \
    "$bin" import "$repo/tests/fixtures/yima-2024/import" -o "$tmp/s.yusuan"
check "the package file starts as the MIME magic expects" python3 -c "
import sys
head = open('$tmp/s.yusuan', 'rb').read(64)
assert b'\"format\": \"yusuan\"' in head, head
"
check "yusuan check s.yusuan" "$bin" check "$tmp/s.yusuan"

echo
echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
