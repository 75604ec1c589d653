#!/usr/bin/env bash
# Chinese input end to end (issue 9, docs/ime.md): starts a virtual X server
# (Xvfb), a D-Bus session and fcitx5 with pinyin, opens a copy of the sample
# package in the editor, types pinyin with xdotool and checks the saved file.
#
#   scripts/ime-test.sh [path/to/yusuan]        (default: target/debug/yusuan)
#
# Environment:
#   IME_ONTHESPOT=False   fcitx5's XIM "On The Spot" option (default True)
#   IME_KEEP_XMODIFIERS=1 keep the caller's XMODIFIERS (default: unset it and
#                         give only GTK_IM_MODULE=fcitx, as some desktops do)
#   YUSUAN_IME_RESET=1    the editor's old behaviour (new input context per field)
#   IME_SHOTS=DIR         keep screenshots there
#   IME_LANG=zh_CN.GBK    the locale (default zh_CN.UTF-8, else C.UTF-8)
#   IME_LC_CTYPE=C.UTF-8 LC_CTYPE (default unset)
#   IME_NO_HINT=1         give neither XMODIFIERS nor GTK_IM_MODULE
#
# Checks: 部门名称 becomes 你好 (nihao + space after Ctrl+Space), and after
# Tab through 部门编码, 预算年度 and the 小数位数 buttons, 主要职能 gets 你好
# too without switching the input method again (the 中 mode survived).
# Prints PASS/FAIL lines; exits 0 when all pass, 1 on a failure, 0 with
# "SKIP" when a tool is missing (apt-get install xvfb xdotool x11-utils
# fcitx5 fcitx5-chinese-addons dbus; imagemagick for IME_SHOTS).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/target/debug/yusuan}
for tool in Xvfb xdotool xprop fcitx5 dbus-daemon python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed"
        exit 0
    fi
done
if [ ! -x "$bin" ]; then
    echo "SKIP: no program at $bin (cargo build -p yusuan)"
    exit 0
fi

work=$(mktemp -d /tmp/yusuan-ime.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# A free display.
d=90
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
export DISPLAY=:$d
Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)

export HOME=$work/home XDG_RUNTIME_DIR=$work/xdg
mkdir -p "$HOME/.config/fcitx5/conf" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cat >"$HOME/.config/fcitx5/profile" <<'EOF'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
EOF
echo "UseOnTheSpot=${IME_ONTHESPOT:-True}" >"$HOME/.config/fcitx5/conf/xim.conf"

# A UTF-8 locale: zh_CN.UTF-8 when generated, else C.UTF-8 (or IME_LANG).
if [ -n "${IME_LANG:-}" ]; then
    export LANG=$IME_LANG
elif locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$'; then
    export LANG=zh_CN.UTF-8
else
    export LANG=C.UTF-8
fi
unset LC_ALL
if [ -n "${IME_LC_CTYPE:-}" ]; then export LC_CTYPE=$IME_LC_CTYPE; else unset LC_CTYPE; fi

for _ in $(seq 50); do xprop -root >/dev/null 2>&1 && break; sleep 0.1; done
dbus-daemon --session --fork --print-address=1 --print-pid=1 >"$work/dbus" || exit 1
DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p "$work/dbus")
export DBUS_SESSION_BUS_ADDRESS
pids+=("$(sed -n 2p "$work/dbus")")
fcitx5 --disable=cloudpinyin >"$work/fcitx5.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do xprop -root XIM_SERVERS 2>/dev/null | grep -q fcitx && break; sleep 0.1; done
if ! xprop -root XIM_SERVERS 2>/dev/null | grep -q fcitx; then
    echo "SKIP: fcitx5 did not start its XIM server"
    exit 0
fi
sleep 1 # pinyin dictionaries

cp "$root/assets/sample.yusuan" "$work/t.yusuan"
if [ -z "${IME_KEEP_XMODIFIERS:-}" ]; then unset XMODIFIERS; fi
if [ -z "${IME_NO_HINT:-}" ]; then export GTK_IM_MODULE=fcitx; else unset GTK_IM_MODULE XMODIFIERS; fi
unset QT_IM_MODULE
"$bin" "$work/t.yusuan" >"$work/yusuan.log" 2>&1 &
app=$!
pids+=("$app")
wid=
for _ in $(seq 200); do
    wid=$(xdotool search --pid "$app" --onlyvisible 2>/dev/null | head -1)
    [ -n "$wid" ] && break
    sleep 0.2
done
if [ -z "$wid" ]; then
    echo "FAIL: the window did not open"
    cat "$work/yusuan.log"
    exit 1
fi
sleep 3
xdotool windowfocus --sync "$wid"
shot() { if [ -n "${IME_SHOTS:-}" ]; then mkdir -p "$IME_SHOTS" && import -window root "$IME_SHOTS/$1.png"; fi; }

# 概况 is the first screen; 部门名称 is its first field (window at 0,0 without
# a window manager). Click it, select all, switch to pinyin, type.
xdotool mousemove --window "$wid" 520 93 click 1
sleep 0.5
xdotool key ctrl+a
sleep 0.3
xdotool key ctrl+space
sleep 0.5
xdotool type --delay 120 nihao
sleep 0.5
shot 1-composing
xdotool key space
sleep 0.5
shot 2-committed
# Tab through 部门编码 (text), 预算年度 (number), 0位/1位/2位 (buttons) to 主要职能.
for _ in 1 2 3 4 5 6; do
    xdotool key Tab
    sleep 0.4
done
xdotool key ctrl+End
sleep 0.3
xdotool type --delay 120 nihao
sleep 0.5
xdotool key space
sleep 0.5
shot 3-second-field
xdotool key ctrl+s
sleep 2
shot 4-saved

status=0
PYTHONIOENCODING=utf-8 python3 - "$work/t.yusuan" <<'EOF' || status=1
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))["package"]
name, duties = p["department"]["name"], p["texts"].get("Duties", "")
ok = True
def check(what, good, got):
    global ok
    print(("PASS" if good else "FAIL") + f": {what}: {got!r}")
    ok &= good
check("部门名称 is 你好", name == "你好", name)
check("主要职能 ends with 你好 (中 mode kept over Tab)", duties.endswith("你好"), duties[-12:])
sys.exit(0 if ok else 1)
EOF
grep -ai "warn\|警告\|panic" "$work/yusuan.log" | head -5 | sed 's/^/yusuan: /' 
exit $status
