#!/bin/sh
# bench.sh - speed and memory of the whole process on this machine:
# one letter (median of 50 runs), and a batch of 10,000 letters in one run.
# Figures only: no test asserts a time.
cd "$(dirname "$0")/.." || exit 2
python3 tests/lsp_bench.py
exec python3 - "$@" <<'PY'
import glob, os, resource, shutil, statistics, subprocess, tempfile, time

BIN = "./appeal-lint"
letters = sorted(glob.glob("corpus/*.txt") + glob.glob("corpus/*.md"))

def run(args):
    t = time.perf_counter()
    subprocess.run([BIN, "--fail-on", "none", *args], stdout=subprocess.DEVNULL)
    return time.perf_counter() - t

def peak_kib(args):
    # max RSS of one child, measured in a fresh interpreter child of ours
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run(["python3", "-c", code, BIN, "--fail-on", "none", *args],
                         capture_output=True, text=True).stdout
    return int(out.strip())

one = letters[0]
for _ in range(5):
    run([one])
times = sorted(run([one]) for _ in range(50))
print(f"one letter ({one}, {os.path.getsize(one)} bytes): median {statistics.median(times)*1000:.2f} ms, "
      f"min {times[0]*1000:.2f} ms, peak {peak_kib([one])/1024:.1f} MiB")

tmp = tempfile.mkdtemp()
try:
    n = 10000
    for i in range(n):
        src = letters[i % len(letters)]
        shutil.copyfile(src, os.path.join(tmp, f"{i:05d}{os.path.splitext(src)[1]}"))
    size = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
    best = min(run(["--format", "json", tmp]) for _ in range(3))
    print(f"batch ({n} letters, {size/1e6:.1f} MB, json): {best:.2f} s, {n/best:,.0f} letters/s, "
          f"peak {peak_kib(['--format', 'json', tmp])/1024:.1f} MiB")
    best = min(run(["-q", tmp]) for _ in range(3))
    print(f"batch ({n} letters, text -q): {best:.2f} s, {n/best:,.0f} letters/s")
finally:
    shutil.rmtree(tmp)
PY
