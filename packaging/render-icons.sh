#!/usr/bin/env bash
# Renders the application icon assets/icons/yusuan.svg to the hicolor PNG sizes
# (assets/icons/hicolor/NxN/apps/yusuan.png) and the Windows icon
# assets/icons/yusuan.ico. The outputs are committed; rerun after editing the SVG.
#
# Needs: rsvg-convert (apt-get install -y librsvg2-bin) and, for the .ico,
# ImageMagick 6 `convert` (apt-get install -y imagemagick) or python3.
set -euo pipefail
cd "$(dirname "$0")/.."

svg=assets/icons/yusuan.svg
sizes=(16 32 48 64 128 256 512)

command -v rsvg-convert >/dev/null || {
    echo "render-icons.sh: rsvg-convert not found (apt-get install -y librsvg2-bin)" >&2
    exit 1
}

for n in "${sizes[@]}"; do
    out="assets/icons/hicolor/${n}x${n}/apps/yusuan.png"
    mkdir -p "$(dirname "$out")"
    rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio --format png \
        --output "$out" "$svg"
    echo "$out"
done

# Windows .ico with the sizes Windows uses (16, 32, 48, 256; 256 stored as PNG).
ico=assets/icons/yusuan.ico
ico_sizes=(16 32 48 64 128 256)
pngs=()
for n in "${ico_sizes[@]}"; do pngs+=("assets/icons/hicolor/${n}x${n}/apps/yusuan.png"); done
# /usr/local/bin/convert may be a stand-in on some machines; prefer Debian's.
convert_bin=""
for c in /usr/bin/convert convert; do
    if "$c" -version 2>/dev/null | grep -q ImageMagick && "$c" -list format 2>/dev/null | grep -qi '^ *ICO'; then
        convert_bin=$c; break
    fi
done
if [ -n "$convert_bin" ]; then
    "$convert_bin" "${pngs[@]}" "$ico"
else
    # Fallback: an .ico is a directory of PNG images (valid since Windows Vista).
    python3 - "$ico" "${pngs[@]}" <<'PY'
import struct, sys
out, pngs = sys.argv[1], sys.argv[2:]
data = [open(p, "rb").read() for p in pngs]
dims = [struct.unpack(">II", d[16:24]) for d in data]
head = struct.pack("<HHH", 0, 1, len(data))
offset = 6 + 16 * len(data)
entries, blobs = b"", b""
for (w, h), d in zip(dims, data):
    entries += struct.pack("<BBBBHHII", w % 256, h % 256, 0, 0, 1, 32, len(d), offset)
    offset += len(d)
    blobs += d
open(out, "wb").write(head + entries + blobs)
PY
fi
echo "$ico"
