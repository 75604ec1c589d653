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
mark
i=0
while [ $i -lt 20 ]; do
  xdotool click 5
  sleep 0.25
  i=$((i + 1))
done
sleep 0.5
cost "wheel scrolling"
