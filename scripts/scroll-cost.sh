#!/bin/sh
# CPU per frame when the whole window changes: 20 wheel steps down the
# 基本支出 grid of the generated 20,000-line package (every row moves, every
# tile of the CPU painter is repainted). Same setup as scripts/render-cost.sh;
# XVFB_SIZE=1920x1080 and WINDOW_SIZE="1900 1000" measure a larger window.
# Usage: scripts/scroll-cost.sh [package] (YUSUAN_RENDERER=cpu|gl, XVFB_DISPLAY=N)
set -eu
. "$(dirname "$0")/xvfb-window.sh"
if [ -n "${WINDOW_SIZE:-}" ]; then
  # shellcheck disable=SC2086
  xdotool windowsize "$WID" $WINDOW_SIZE
  sleep 1
fi
xdotool mousemove 700 450
sleep 1
START_LINE=$(wc -l < "$WORK/frames.log")
PAINT_START=$(wc -l < "$WORK/paint.log")
T0=$(ticks)
i=0
while [ $i -lt 20 ]; do
  xdotool click 5
  sleep 0.25
  i=$((i + 1))
done
sleep 0.5
T1=$(ticks)
FRAMES=$(( $(wc -l < "$WORK/frames.log") - START_LINE ))
HZ=$(getconf CLK_TCK)
CPU=$(( (T1 - T0) * 1000 / HZ ))
echo "wheel scrolling: $FRAMES frames, process CPU $CPU ms, $(awk -v c=$CPU -v f=$FRAMES 'BEGIN { printf "%.1f", c / f }') ms per frame"
if [ "$(wc -l < "$WORK/paint.log")" -gt "$PAINT_START" ]; then
  tail -n +"$((PAINT_START + 1))" "$WORK/paint.log" | awk '{ c += $1; p += $5; px += $6; n++; if ($5 > m) m = $5 } END {
    printf "CPU painter: %d frames, frame CPU %.1f ms, painting %.1f ms (max %.1f), %.0f pixels sent per frame\n", n, c / n, p / n, m, px / n }'
fi
