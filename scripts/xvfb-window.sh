# Shared by scripts/frame-timing.sh and scripts/render-cost.sh (sourced,
# with "$@" of the caller): a copy of the package in a fresh HOME, Xvfb on
# :$XVFB_DISPLAY (93; XVFB_SIZE, 1366x768), the release build with its frame log, the window
# found by its title (which ends in the file name, p.yusuan) and focused,
# the 基本支出 screen with the amount of its third row focused. The painter is
# the binary's default or YUSUAN_RENDERER (cpu|gl); the CPU painter also
# writes $WORK/paint.log (a line per painted frame). Defines PKG,
# BIN, WORK, XPID, APID, WID, ticks() (the process's CPU in clock ticks),
# mark() and cost LABEL (the frames and CPU since mark, and the CPU
# painter's paint log over them).
PKG=${1:-/tmp/yusuan-20000.yusuan}
BIN=${YUSUAN:-target/release/yusuan}
WORK=$(mktemp -d)
cp "$PKG" "$WORK/p.yusuan"
mkdir -p "$WORK/xdg" "$WORK/home" && chmod 700 "$WORK/xdg"
N=${XVFB_DISPLAY:-93}
Xvfb :$N -screen 0 "${XVFB_SIZE:-1366x768}x24" >/dev/null 2>&1 &
XPID=$!
sleep 1
export DISPLAY=:$N
: > "$WORK/paint.log"
XDG_RUNTIME_DIR="$WORK/xdg" HOME="$WORK/home" YUSUAN_FRAME_LOG="$WORK/frames.log" YUSUAN_PAINT_LOG="$WORK/paint.log" "$BIN" "$WORK/p.yusuan" &
APID=$!
trap 'kill $APID $XPID 2>/dev/null; rm -rf "$WORK"' EXIT
for i in $(seq 1 50); do
  WID=$(xdotool search --name "p\.yusuan" 2>/dev/null | head -1 || true)
  [ -n "$WID" ] && break
  sleep 0.2
done
xdotool windowfocus --sync "$WID"
sleep 2
# 基本支出 in the navigation, then the amount of the third row.
xdotool mousemove 66 169 click 1
sleep 2
xdotool mousemove 1160 253 click 1
sleep 1
ticks() { awk '{print $14+$15}' /proc/$APID/stat; }
# The frame and paint logs' lengths and the CPU now: what `cost` counts from.
mark() {
  START_LINE=$(wc -l < "$WORK/frames.log")
  PAINT_START=$(wc -l < "$WORK/paint.log")
  T0=$(ticks)
}
# Frames and process CPU since `mark` under LABEL; with the CPU painter, its
# frame CPU, painting (mean and max) and pixels sent per frame.
cost() {
  T1=$(ticks)
  FRAMES=$(( $(wc -l < "$WORK/frames.log") - START_LINE ))
  HZ=$(getconf CLK_TCK)
  CPU=$(( (T1 - T0) * 1000 / HZ ))
  BUILD=$(tail -n +"$((START_LINE + 1))" "$WORK/frames.log" | awk '{ s += $1 } END { if (NR) printf "%.1f", s / NR }')
  echo "$1: $FRAMES frames, process CPU $CPU ms, $(awk -v c=$CPU -v f=$FRAMES 'BEGIN { printf "%.1f", c / f }') ms per frame (build $BUILD ms of it on average)"
  if [ "$(wc -l < "$WORK/paint.log")" -gt "$PAINT_START" ]; then
    tail -n +"$((PAINT_START + 1))" "$WORK/paint.log" | awk '{ c += $1; p += $5; px += $6; n++; if ($5 > m) m = $5 } END {
      printf "CPU painter: %d frames, frame CPU %.1f ms, of which painting %.1f ms (max %.1f), %.0f pixels sent per frame\n", n, c / n, p / n, m, px / n }'
  fi
}
