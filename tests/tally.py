"""tally.py - what the Python test suites share, as tests/lib.sh is for the
shell ones: a count of checks passed, failed and skipped, and the suite's
last line, "SUITE: N passed, N failed[, N skipped]", that tests/run.sh
reads."""

passed = failed = skipped = 0


def check(name, ok, detail=""):
    """One check: a failure is printed with its detail (cut short)."""
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + str(detail)[:300]) if detail else ""))


def skip(name, why):
    """A check that needs something optional that is missing."""
    global skipped
    skipped += 1
    print("skip %s: %s" % (name, why))


def summary(suite):
    """Prints the suite's last line; returns its exit status."""
    print("%s: %d passed, %d failed%s" % (suite, passed, failed, ", %d skipped" % skipped if skipped else ""))
    return 1 if failed else 0
