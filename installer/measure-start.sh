#!/usr/bin/env bash
# Start-up of a packaged Flowdeck: runs its launcher with --smoke-test, once to warm up (that first run also writes
# the AppCDS archive of its start-up classes into the home's cache directory), then N times (default 5), and prints
# each run's "visible after" figure and their median. The figure is the app's own: JVM start (RuntimeMXBean) to the
# first frame of the main window. Every run is a new process (a cold JVM); the OS's file cache is left as it is.
#   installer/measure-start.sh PATH/TO/LAUNCHER [N]      (on Linux it needs DISPLAY, e.g. an Xvfb)
# Extra JVM options for a comparison go in JAVA_TOOL_OPTIONS (e.g. -Xshare:off: no class archive at all).
set -euo pipefail
launcher="$1"; runs="${2:-5}"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
visible() {
    HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" APPDATA="$home" LOCALAPPDATA="$home" \
        "$launcher" --smoke-test 2>/dev/null | sed -nE 's/^Smoke test passed.* visible ([0-9]+) ms.*/\1/p'
}
echo "first run (writes the class archive): visible after $(visible) ms"
figures=()
for i in $(seq "$runs"); do
    ms="$(visible)"
    echo "run $i: visible after $ms ms"
    figures+=("$ms")
done
printf '%s\n' "${figures[@]}" | sort -n \
    | awk -v n="$runs" '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print "median of " n ": " m " ms" }'
