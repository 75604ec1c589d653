#!/bin/sh
# CPU per painted frame of the 基本支出 screen under Xvfb (software
# rendering), with nothing but painting to do: the pointer moves over an
# empty part of the toolbar, 300 times, each move one frame (no hover, no
# edit). Same setup as scripts/frame-timing.sh: a release build and the
# generated 20,000-line package. Usage: scripts/render-cost.sh [package]
# (YUSUAN=binary, XVFB_DISPLAY=N, YUSUAN_RENDER_OLD=... as for the window).
set -eu
. "$(dirname "$0")/xvfb-window.sh"
mark
i=0
while [ $i -lt 150 ]; do
  xdotool mousemove 1000 18
  sleep 0.03
  xdotool mousemove 1004 20
  sleep 0.03
  i=$((i + 1))
done
sleep 0.5
cost "pointer moves"
