#!/bin/sh
# Typing into the 20,000-line package under Xvfb (software rendering, no
# GPU), measured with the editor's frame log (YUSUAN_FRAME_LOG) and the
# process's CPU time. Needs: xvfb xdotool, a release build
# (cargo build --release -p yusuan), and the generated package:
#   cargo run --release -p yusuan-model --example generate -- 600 2000 20000 /tmp/yusuan-20000.yusuan
# Usage: scripts/frame-timing.sh [package] ; prints medians and maxima, and
# the keystroke latency (needs the frame log's 4th column, the frame's start).
# The window is found by its title, which ends in the file name (p.yusuan).
set -eu
. "$(dirname "$0")/xvfb-window.sh"
: > "$WORK/frames.log.mark"
mark
: > "$WORK/keys"
for round in 1 2 3; do
  for d in 1 2 3 4 5 6 7; do
    date +%s%3N >> "$WORK/keys"
    xdotool type --delay 0 "$d"
    sleep 0.15
  done
  xdotool key Tab
  sleep 0.3
  xdotool key shift+Tab
  sleep 0.3
done
T1=$(ticks)
sleep 1
tail -n +"$((START_LINE + 1))" "$WORK/frames.log" > "$WORK/typing.log"
HZ=$(getconf CLK_TCK)
stats() { # label, file of numbers
  sort -n "$2" | awk -v label="$1" '{ v[NR] = $1 } END {
    if (NR == 0) { print label ": none"; exit }
    printf "%s: %d frames, build time median %.1f ms, max %.1f ms\n", label, NR, v[int((NR + 1) / 2)], v[NR] }'
}
awk '$2 > 0 { print $1 }' "$WORK/typing.log" > "$WORK/typed"
awk '{ print $1 }' "$WORK/typing.log" > "$WORK/all"
stats "typing frames" "$WORK/typed"
stats "all frames of the run" "$WORK/all"
# Keystroke latency: from the key sent (ms since 1970, before xdotool) to
# the end of the frame that took it (its start, column 4, plus its build
# time), and to the start of the next frame, which begins once the typing
# frame has been rendered and presented (an upper bound of "shown").
awk 'NR == FNR { key[++k] = $1; next }
     { start[++f] = $4; build[f] = $1; typed[f] = $2 }
     END {
       j = 1
       for (i = 1; i <= k; i++) {
         while (j <= f && !(typed[j] > 0 && start[j] >= key[i] - 1)) j++
         if (j > f) break
         printf "%.1f %.1f\n", start[j] + build[j] - key[i], (j < f ? start[j + 1] - key[i] : -1)
         j++
       }
     }' "$WORK/keys" "$WORK/typing.log" > "$WORK/latency"
awk '{ print $1 }' "$WORK/latency" > "$WORK/lat_built"
# Only where a frame follows within 100 ms (keys are 150 ms apart): a key
# whose press and release came in one frame has no frame after it until the
# next key, which bounds nothing.
awk '$2 >= 0 && $2 < 100 { print $2 }' "$WORK/latency" > "$WORK/lat_next"
lat() { sort -n "$2" | awk -v label="$1" '{ v[NR] = $1 } END {
    if (NR == 0) { print label ": none"; exit }
    printf "%s: %d keys, median %.0f ms, max %.0f ms\n", label, NR, v[int((NR + 1) / 2)], v[NR] }'; }
lat "key sent -> its frame built" "$WORK/lat_built"
lat "key sent -> next frame begins (after rendering; keys with a next frame within 100 ms)" "$WORK/lat_next"
FRAMES=$(wc -l < "$WORK/all")
KEYS=$(( $(wc -l < "$WORK/keys") * 9 / 7 ))
echo "process CPU during the run: $(( (T1 - T0) * 1000 / HZ )) ms over $FRAMES frames (incl. software rendering)"
echo "frames per key: $FRAMES frames for $KEYS keys sent ($(awk -v f="$FRAMES" -v k="$KEYS" 'BEGIN { printf "%.1f", f / k }') per key), CPU per frame $(awk -v c="$(( (T1 - T0) * 1000 / HZ ))" -v f="$FRAMES" 'BEGIN { printf "%.1f", c / f }') ms"
# The CPU painter's paint log (YUSUAN_RENDERER=cpu, the default on Linux): a
# line per painted frame: the frame's CPU time (the thread's, all passes,
# tessellation, rasterising, presenting), characters typed, wall time,
# build, paint (ms), pixels sent to the X server, rectangles.
PAINT_LINES=$(wc -l < "$WORK/paint.log")
if [ "$PAINT_LINES" -gt 0 ]; then
  tail -n +"$((PAINT_START + 1))" "$WORK/paint.log" > "$WORK/paint.typing"
  cpu_stats() { # label, file of numbers
    sort -n "$2" | awk -v label="$1" '{ v[NR] = $1; s += $1 } END {
      if (NR == 0) { print label ": none"; exit }
      printf "%s: %d frames, median %.1f ms, max %.1f ms, mean %.1f ms\n", label, NR, v[int((NR + 1) / 2)], v[NR], s / NR }'
  }
  awk '$2 > 0 { print $1 }' "$WORK/paint.typing" > "$WORK/typed_cpu"
  awk '{ print $1 }' "$WORK/paint.typing" > "$WORK/all_cpu"
  awk '$2 > 0 { print $5 }' "$WORK/paint.typing" > "$WORK/typed_paint"
  cpu_stats "CPU painter: typing frames, frame CPU incl. painting" "$WORK/typed_cpu"
  cpu_stats "CPU painter: all frames of the run, frame CPU incl. painting" "$WORK/all_cpu"
  cpu_stats "CPU painter: typing frames, paint time alone" "$WORK/typed_paint"
  awk '{ px += $6; n++ } END { if (n) printf "CPU painter: pixels sent per frame %.0f (%.1f %% of 1340x690)\n", px / n, px / n / 924600 * 100 }' "$WORK/paint.typing"
fi
# FRAME_LOG_COPY=FILE keeps the typing run's frame log (its last column says
# why each frame was built: input events | repaints requested).
[ -n "${FRAME_LOG_COPY:-}" ] && cp "$WORK/typing.log" "$FRAME_LOG_COPY"
# Idle with the cell focused: CPU over 10 s.
I0=$(ticks); sleep 10; I1=$(ticks)
echo "idle 10 s with a focused cell: $(( (I1 - I0) * 1000 / HZ )) ms CPU ($(( (I1 - I0) * 100 / HZ / 10 )) % of a core)"
