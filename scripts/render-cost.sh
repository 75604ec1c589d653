#!/bin/sh
# CPU per painted frame of the 基本支出 screen under Xvfb (software
# rendering), with nothing but painting to do: the pointer moves over an
# empty part of the toolbar, 300 times, each move one frame (no hover, no
# edit). Same setup as scripts/frame-timing.sh: a release build and the
# generated 20,000-line package. Usage: scripts/render-cost.sh [package]
# (YUSUAN=binary, XVFB_DISPLAY=N, YUSUAN_RENDER_OLD=... as for the window).
set -eu
. "$(dirname "$0")/xvfb-window.sh"
START_LINE=$(wc -l < "$WORK/frames.log")
PAINT_START=$(wc -l < "$WORK/paint.log")
T0=$(ticks)
i=0
while [ $i -lt 150 ]; do
  xdotool mousemove 1000 18
  sleep 0.03
  xdotool mousemove 1004 20
  sleep 0.03
  i=$((i + 1))
done
sleep 0.5
T1=$(ticks)
FRAMES=$(( $(wc -l < "$WORK/frames.log") - START_LINE ))
HZ=$(getconf CLK_TCK)
CPU=$(( (T1 - T0) * 1000 / HZ ))
BUILD=$(tail -n +"$((START_LINE + 1))" "$WORK/frames.log" | awk '{ s += $1 } END { printf "%.1f", s / NR }')
echo "pointer moves: $FRAMES frames, process CPU $CPU ms, $(awk -v c=$CPU -v f=$FRAMES 'BEGIN { printf "%.1f", c / f }') ms per frame (build $BUILD ms of it on average)"
# The CPU painter: its paint time per frame (tessellating, rasterising, presenting).
if [ "$(wc -l < "$WORK/paint.log")" -gt "$PAINT_START" ]; then
  tail -n +"$((PAINT_START + 1))" "$WORK/paint.log" | awk '{ c += $1; p += $5; px += $6; n++ } END {
    printf "CPU painter: %d frames, frame CPU %.1f ms, of which painting %.1f ms, %.0f pixels sent per frame\n", n, c / n, p / n, px / n }'
fi
