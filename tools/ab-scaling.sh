#!/usr/bin/env bash
# A/B of the scaling example: a base revision against the working tree, in
# alternating runs, so that the shared machine's load falls on both builds.
#
#   tools/ab-scaling.sh BASE [ROUNDS]     # BASE: any git revision; ROUNDS: default 3
#
# Builds `examples/scaling.rs` of BASE (in a temporary worktree) and of the
# working tree, each in a target directory of its own (target/ab-base and
# target/ab-new, kept for the next comparison: two source trees sharing one
# target directory let cargo link one's example against the other's library),
# then runs them in turn ROUNDS times and prints, for each
# build, every round's MB/s for the 1 MB and the 64 MB news documents, their
# ratio, and the medians. Each run of the example extracts every document once
# untimed, then times five runs.
set -euo pipefail
base=${1:?usage: tools/ab-scaling.sh BASE [ROUNDS]}
rounds=${2:-3}
root=$(git rev-parse --show-toplevel)
cd "$root"
work=$(mktemp -d)
cleanup() {
    git worktree remove --force "$work/base" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
(cd "$work/base" && CARGO_TARGET_DIR="$root/target/ab-base" cargo build --release --example scaling --quiet)
cp "$root/target/ab-base/release/examples/scaling" "$work/scaling.base"
CARGO_TARGET_DIR="$root/target/ab-new" cargo build --release --example scaling --quiet
cp "$root/target/ab-new/release/examples/scaling" "$work/scaling.new"

# One run: "MB/s at 1 MB, MB/s at 64 MB, ratio" from the example's table.
run() {
    "$1" | awk '
        /^news, 1 MB/  { one = $(NF-3) }
        /^news, 64 MB/ { big = $(NF-3); ratio = $(NF-2) }
        END { print one, big, ratio }'
}

for r in $(seq "$rounds"); do
    for build in base new; do
        echo "$build $(run "$work/scaling.$build")" | tee -a "$work/runs"
    done
done

echo
echo "build  MB/s 1 MB  MB/s 64 MB  x 1 MB   (medians of $rounds alternating runs; base = $base)"
for build in base new; do
    for col in 2 3 4; do
        grep "^$build " "$work/runs" | awk -v c="$col" '{ print $c }' | sort -g |
            awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
    done | paste -sd' ' | awk -v b="$build" '{ printf "%-6s %10s %11s %8s\n", b, $1, $2, $3 }'
done
