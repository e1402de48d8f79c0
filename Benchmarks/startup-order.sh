#!/usr/bin/env bash
# Writes Benchmarks/startup-order.txt: the functions of the shipped binary that run when it starts
# (--version, --help, status against the simulator with its remote connected and not, probe, the
# first screen of demo offering to resume that branch, demo's ECK branch to its live screen), one
# mangled name per line. The release link (Package.swift) gives the file to lld as its symbol
# ordering, so that these functions sit together at the start of the code instead of spread over
# 26 MB: starting touches fewer pages (less resident memory, fewer page faults). It works per
# function because `make release` compiles every function into its own section. Names that no
# longer exist are ignored by the linker; run this again after larger changes (make release first).
#
# Needs valgrind and tmux. Usage: Benchmarks/startup-order.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(readlink -f "${1:-.build/release/remote-cluster-wizard}")
work=$(mktemp -d)
simulator=""
tmux_socket="startup-order-$$"
cleanup() {
    [ -n "$simulator" ] && kill "$simulator" 2>/dev/null && wait "$simulator" 2>/dev/null
    tmux -L "$tmux_socket" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# valgrind cannot read the toolchain's debugging information: profile a copy without it.
objcopy --strip-debug "$binary" "$work/rcw"
profile() {
    local name=$1
    shift
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$name.out" "$work/rcw" "$@" >/dev/null 2>&1
}

profile version --version
profile help --help

"$binary" simulate --restart-seconds 0 >"$work/simulator.json" 2>/dev/null &
simulator=$!
for _ in $(seq 100); do [ -s "$work/simulator.json" ] && break; sleep 0.1; done
field() { python3 -c "import json,sys; d=json.load(open('$work/simulator.json')); print(d$1)"; }
url=$(field "['local']['url']")
ca=$(field "['local']['ca']")
proxy=$(field "['remote']['proxy_address']")
server_name=$(field "['remote']['server_name']")
transport_ca=$(field "['remote']['transport_ca']")
password=$(field "['local']['password']")
ES_PASSWORD=$password profile status-unconnected status --json --url "$url" --user elastic --ca "$ca"
# Connected, as the bench measures it: apply the plan simulate wrote (not profiled), then status.
(. "$(dirname "$(field "['kubeconfig']")")/env" && "$binary" apply --plan "$SIM_PLAN" >/dev/null 2>&1) ||
    echo "apply of the simulator's plan failed: status is profiled unconnected only" >&2
ES_PASSWORD=$password profile status status --json --url "$url" --user elastic --ca "$ca"
profile probe probe --proxy-address "$proxy" --server-name "$server_name" --ca "$transport_ca"

screen_shows() {
    # Not a pipe into grep -q: with pipefail, tmux's SIGPIPE would turn a match into a failure.
    local screen
    screen=$(tmux -L "$tmux_socket" capture-pane -p 2>/dev/null) || return 1
    grep -q "$1" <<<"$screen"
}
# Runs demo (with the given options) under callgrind in a terminal into $work/NAME.out, waits
# until the screen shows MARKER, then quits (q, then y).
profile_demo() {
    local name=$1 marker=$2 seconds=$3
    shift 3
    tmux -L "$tmux_socket" new-session -d -x 100 -y 30 \
        "XDG_STATE_HOME='$work/state' valgrind --tool=callgrind --demangle=no --callgrind-out-file='$work/$name.out' '$work/rcw' demo $*; touch '$work/$name.done'"
    for _ in $(seq $((seconds * 10))); do screen_shows "$marker" && break; sleep 0.1; done
    # Under valgrind a key can arrive before the program reads keys: ask again until it asks back
    # (or quits at once, as the first screen does when nothing has been done yet).
    for _ in $(seq 30); do
        tmux -L "$tmux_socket" send-keys q 2>/dev/null || true
        for _ in $(seq 20); do
            [ -e "$work/$name.done" ] && break 2
            screen_shows "Quit the demo" && break 2
            sleep 0.1
        done
    done
    [ -e "$work/$name.done" ] || tmux -L "$tmux_socket" send-keys y 2>/dev/null || true
    for _ in $(seq 1200); do [ -e "$work/$name.done" ] && break; sleep 0.1; done
    [ -e "$work/$name.done" ] || echo "demo $* did not quit: its profile is left out" >&2
}
# The whole ECK branch played by itself to the live screen of the connected remote (what the
# wizard runs there: polls, the live view), slow under valgrind; then the first screen of demo,
# which finds that run saved and offers to resume it, as the wizard's first screen does after a
# set-up (the bench measures the wizard resumed that way). The saved runs go into $work, so
# that what the machine's user has saved does not change the order.
profile_demo demo-live "● CONNECTED" 900 --autoplay --autoplay-delay 0
profile_demo demo "q quit" 60

# In the order of the runs that matter most for start-up (the command scripts repeat first, the
# wizard's screens last), each function where it first appears: the functions status runs end
# up in as few pages as possible, then --version's and --help's, the wizard's after them.
for name in status status-unconnected version help probe demo demo-live; do
    profile="$work/$name.out"
    [ -s "$profile" ] || continue
    callgrind_annotate --threshold=100 "$profile" 2>/dev/null | { grep " \[$work/rcw\]\$" || true; } |
        sed -E 's/^ *[0-9,]+ \([ 0-9.]+%\)  //; s/ \[[^]]*\]$//; s/^[^:]*://' | sort -u
done | awk '!seen[$0]++' >Benchmarks/startup-order.txt
echo "wrote Benchmarks/startup-order.txt ($(wc -l <Benchmarks/startup-order.txt) functions)"
