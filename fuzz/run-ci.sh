#!/usr/bin/env bash
# CI's short fuzz run (FUZZING.md): builds the fuzz targets, replays every input that once
# crashed, then fuzzes each target for FUZZ_SECONDS (10) from its committed corpus. Any
# crash, timeout or out-of-memory fails the script.
set -euo pipefail
cd "$(dirname "$0")"

# cargo-fuzz passes nightly flags (-Z sanitizer options, coverage passes); this lets the
# machine's one toolchain, a stable one, take them.
export RUSTC_BOOTSTRAP=1
seconds="${FUZZ_SECONDS:-10}"

if ! command -v cargo-fuzz >/dev/null; then
    # About a minute and a half on a fresh 2-core machine.
    cargo install cargo-fuzz --locked --version 0.13.2
fi

# No AddressSanitizer: the code under test forbids unsafe code, and without it libFuzzer
# runs several times as many inputs a second (FUZZING.md, "Why these limits").
build=(--sanitizer none)
cargo fuzz build "${build[@]}"

# The targets and the -max_len each runs with.
targets=(spec_loader:16384 decode_response:8192 page_readers:8192 details_reader:8192 fetch_checks:8192)
limits=(-timeout=10 -rss_limit_mb=2048)

# Every target of Cargo.toml runs: one added there but not above fails here, not silently.
for listed in $(cargo fuzz list); do
    case " ${targets[*]} " in
    *" $listed:"*) ;;
    *)
        echo "fuzz target $listed is not in run-ci.sh's list: add it with its -max_len (FUZZING.md)" >&2
        exit 1
        ;;
    esac
done

for entry in "${targets[@]}"; do
    target="${entry%%:*}"
    max_len="${entry##*:}"
    if [ -d "regressions/$target" ]; then
        echo "== $target: regressions"
        cargo fuzz run "${build[@]}" "$target" regressions/"$target"/* -- "${limits[@]}"
    fi
    echo "== $target: ${seconds} s from corpus/$target"
    # New inputs go to a scratch folder: the committed corpus changes only as FUZZING.md
    # says. -verbosity=0 leaves out a line per new input; crash reports still print.
    scratch="$(mktemp -d)"
    cargo fuzz run "${build[@]}" "$target" "$scratch" "corpus/$target" -- \
        "${limits[@]}" -max_len="$max_len" -max_total_time="$seconds" -print_final_stats=1 -verbosity=0
    rm -rf "$scratch"
done
