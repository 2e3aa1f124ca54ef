"""serveproc.py - starts `appeal-lint ... serve --port 0` for the server's
API, browser, leak and bench scripts, and reads the address it prints."""
import re
import subprocess


def start(cmd, args=(), cwd=None):
    """Runs cmd (the program, maybe under valgrind) with args before
    "serve --port 0"; returns the process and its "host:port". Raises
    RuntimeError, the process killed, when it does not start."""
    p = subprocess.Popen([*cmd, *args, "serve", "--port", "0"], cwd=cwd,
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    line = p.stderr.readline().decode()
    m = re.search(r"serving on http://([^/]+)/", line)
    if not m:
        p.kill()
        raise RuntimeError("the server did not start: " + line + p.stderr.read().decode())
    return p, m.group(1)


def port_of(host):
    """The port of a "host:port" (an IPv6 host in brackets)."""
    return int(host.rsplit(":", 1)[1])
