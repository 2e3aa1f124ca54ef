#!/bin/sh
# bench.sh - `make bench`: speed and memory of the whole process on this
# machine, on a corpus generated the same way every time (tests/benchgen.py).
# Figures only: no test asserts a time.
cd "$(dirname "$0")/.." || exit 2
exec python3 tests/bench.py "$@"
