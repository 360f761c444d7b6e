#!/usr/bin/env bash
# Fuzz gazette with cargo-fuzz (libFuzzer) on the stable toolchain.
#
#   cargo install cargo-fuzz                     # once
#   fuzz/run.sh TARGET [SECONDS] [SANITIZER]     # from the repository root or fuzz/
#
# TARGET     extract | gazetteer_parser | relation_lexicon | jsonl_reader | all
# SECONDS    run time per target (default 600)
# SANITIZER  address (default) | none   ("none" is ~2x faster; the crate forbids
#            unsafe code, so AddressSanitizer only watches the dependencies)
#
# cargo-fuzz needs nightly features (-Z sanitizer, sancov passes):
# RUSTC_BOOTSTRAP=1 unlocks them on stable. Debug assertions are on (-a), so
# integer overflow and `Span::new`'s start <= end check fire as crashes.
# Seeds (committed) are read from fuzz/seeds/TARGET; new inputs go to
# fuzz/corpus/TARGET, crashes to fuzz/artifacts/TARGET (both git-ignored).
# Runs at nice 19 so that builds beside it keep their speed.
#
# Reproduce a crash:   RUSTC_BOOTSTRAP=1 cargo fuzz run -a TARGET fuzz/artifacts/TARGET/crash-...
# Minimise it:         RUSTC_BOOTSTRAP=1 cargo fuzz tmin -a TARGET fuzz/artifacts/TARGET/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET [SECONDS] [SANITIZER]}
secs=${2:-600}
san=${3:-address}
export RUSTC_BOOTSTRAP=1
if [ "$target" = all ]; then
    for t in extract gazetteer_parser relation_lexicon jsonl_reader; do
        "$0" "$t" "$secs" "$san"
    done
    exit 0
fi
mkdir -p "fuzz/corpus/$target"
# -timeout: an input that takes 20 s is a hang (extraction is linear time);
# -rss_limit_mb: the default 2 GB, stated.
nice -n 19 cargo fuzz run -a --sanitizer "$san" "$target" \
    "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
