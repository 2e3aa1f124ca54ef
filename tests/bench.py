#!/usr/bin/env python3
"""bench.py - the figures of `make bench`: for sets of 1, 100, 1,000 and
10,000 generated letters and single letters of 64 KB, 1 MB and 10 MB, the
whole process's wall time (median of RUNS runs after a warm-up; one run
where that alone takes over LONG seconds), letters/s,
MB/s and peak memory; the speed-up of --jobs 2; where the time goes by
stage and rule (--profile, 1,000 letters); and the language server's
answer time, and appeal-lint serve's (serve_bench.py). Everything is measured; nothing is asserted."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath("./appeal-lint")
RUNS = 5
LONG = 2.0
HERE = os.path.dirname(os.path.abspath(__file__))


def once(args):
    """Wall seconds and peak RSS (MiB) of one run of the program."""
    t = time.perf_counter()
    p = subprocess.Popen([BIN, "--no-config", "-q", "--fail-on", "none", *args],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_maxrss / 1024


def measure(args, runs=RUNS):
    """Median wall time and peak memory: RUNS runs after a warm-up, or the
    warm-up alone when it took over LONG seconds (so the whole bench stays
    within two minutes while the tool is slow)."""
    first = once(args)  # also the warm-up: the binary and the letters in the page cache
    if first[0] > LONG:
        return first[0], first[1], 1
    got = [once(args) for _ in range(runs)]
    return statistics.median(t for t, _ in got), max(m for _, m in got), runs


def gen(*args):
    subprocess.run([sys.executable, os.path.join(HERE, "benchgen.py"), *args], check=True)


def size_of(paths):
    return sum(os.path.getsize(p) for p in paths)


def main():
    tmp = tempfile.mkdtemp(prefix="appeal-lint-bench-")
    try:
        sets = {}
        for n in (1, 100, 1000, 10000):
            d = os.path.join(tmp, "set%d" % n)
            os.mkdir(d)
            gen("letters", d, str(n), "1")
            sets[n] = d
        print("appeal-lint %s on %s, %d cores; median of %d runs after a warm-up; generated letters of 2-6 KB"
              % (subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout.split()[-1],
                 os.uname().machine, os.cpu_count(), RUNS))
        print("%-26s %9s %10s %11s %8s %9s" % ("input", "MB", "wall ms", "letters/s", "MB/s", "peak MiB"))

        def row(name, args, n, mb):
            t, m, runs = measure(args)
            note = "" if runs == RUNS else " (1 run)"
            print("%-26s %9.2f %10.1f %11s %8.1f %9.1f%s" % (name, mb, t * 1000, "{:,.0f}".format(n / t), mb / t, m,
                                                           note))
            return t, m

        one_t, one_m = 0, 0
        for n, d in sets.items():
            files = [os.path.join(d, f) for f in sorted(os.listdir(d))]
            mb = size_of(files) / 1e6
            t, m = row("%d letter%s, --jobs 1" % (n, "s" if n > 1 else ""), ["--jobs", "1", d], n, mb)
            if n == 1:
                one_t, one_m = t, m
            if n == 10000:
                t2, _ = row("10000 letters, --jobs 2", ["--jobs", "2", d], n, mb)
                big_m = m
        for size, label in ((64 << 10, "64 KB"), (1 << 20, "1 MB"), (10 << 20, "10 MB")):
            f = os.path.join(tmp, "big-%d.txt" % size)
            gen("big", f, str(size), "2")
            row("one letter of %s" % label, ["--max-size", "16M", f], 1, size / 1e6)
        print()
        print("one letter: %.1f ms (target 5 ms), peak %.1f MiB (target 32 MiB)" % (one_t * 1000, one_m))
        print("10,000 letters on one core: %s letters/s (target 10,000); --jobs 2: %.2fx"
              % ("{:,.0f}".format(10000 / t), t / t2))
        print("memory growth from 1 to 10,000 letters: %.1f MiB (target 8 MiB)" % (big_m - one_m))
        print()
        print("where the time goes (--profile, 1,000 letters, one thread):")
        p = subprocess.run([BIN, "--no-config", "-q", "--fail-on", "none", "--profile", sets[1000]],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines = p.stderr.splitlines()
        head = next(i for i, l in enumerate(lines) if l.startswith("rule "))
        print("\n".join("  " + l for l in lines[:head + 13]))
        print()
        subprocess.run([sys.executable, os.path.join(HERE, "serve_bench.py"), sets[1000]])
    finally:
        shutil.rmtree(tmp)
    print()
    subprocess.run([sys.executable, os.path.join(HERE, "lsp_bench.py")])


if __name__ == "__main__":
    main()
