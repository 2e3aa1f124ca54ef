#!/usr/bin/env python3
"""serve_bench.py DIR - appeal-lint serve's figures for `make bench`, on the
letters in DIR: the time per letter of POST /api/lint from one client
(p50 and p95, as the client sees it and as the server's Server-Timing
header tells the check and its report), requests per second with
concurrent clients, and the ratio of the server's check time to the
command line's in-process time per letter (the run over DIR minus the run
over one letter, divided by the letters between). Figures only: nothing
is asserted."""
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time

import serveproc

BIN = os.path.abspath("./appeal-lint")


def cli_per_letter(files, d):
    """The command line's in-process time per letter, in seconds."""
    def run(arg):
        best = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([BIN, "--no-config", "-q", "--fail-on", "none", "--jobs", "1", arg],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            best.append(time.perf_counter() - t)
        return statistics.median(best)
    return (run(d) - run(files[0])) / (len(files) - 1)


def start():
    return serveproc.start([BIN], ["--no-config"])


def post(conn, host, body):
    """One request on a kept-alive connection: client seconds, server ms."""
    t = time.perf_counter()
    conn.request("POST", "/api/lint?filename=letter.txt", body,
                 {"Host": host, "Content-Type": "text/plain"})
    r = conn.getresponse()
    r.read()
    took = time.perf_counter() - t
    dur = re.search(r"dur=([0-9.]+)", r.getheader("Server-Timing") or "")
    return took, float(dur.group(1)) if dur else 0.0


def concurrent(port, host, bodies, clients):
    """Requests per second with `clients` clients sharing the letters."""
    def client(k):
        c = http.client.HTTPConnection("127.0.0.1", port)
        for b in bodies[k::clients]:
            post(c, host, b)
        c.close()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return len(bodies) / (time.perf_counter() - t)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def main():
    d = sys.argv[1]
    files = [os.path.join(d, f) for f in sorted(os.listdir(d))]
    bodies = [open(f, "rb").read() for f in files]
    per = cli_per_letter(files, d)
    p, host = start()
    port = serveproc.port_of(host)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port)
        for b in bodies[:50]:  # the patterns compiled on first use, as in the CLI's first letter
            post(c, host, b)
        got = [post(c, host, b) for b in bodies]
        c.close()
        client = [g[0] * 1000 for g in got]
        server = [g[1] for g in got]
        print("serve: POST /api/lint, %d letters of 2-6 KB, one client on a kept-alive connection:" % len(bodies))
        print("  as the client sees it: p50 %.2f ms, p95 %.2f ms, mean %.2f ms"
              % (pct(client, .5), pct(client, .95), statistics.mean(client)))
        print("  the check and its report (Server-Timing): p50 %.2f ms, p95 %.2f ms, mean %.2f ms"
              % (pct(server, .5), pct(server, .95), statistics.mean(server)))
        print("  the command line in process: %.2f ms a letter; server/CLI %.2fx (target 1.5x), "
              "with HTTP %.2fx" % (per * 1000, statistics.mean(server) / 1000 / per,
                                   statistics.mean(client) / 1000 / per))
        for n in (1, 4, 16, 50):
            print("  %2d concurrent client%s: %s requests/s" % (n, "s" if n > 1 else " ",
                                                              "{:,.0f}".format(concurrent(port, host, bodies, n))))
    finally:
        p.terminate()
        p.wait()


if __name__ == "__main__":
    main()
