# Turns a long build or test log into a few progress lines: reads ninja's "[n/N] ..." and ctest's " n/N Test #k"
# lines on stdin and prints "LABEL: n/N (P%)" each time another tenth is done, and the last line. Everything
# else is left to the log that `tee` writes beside it. POSIX awk (Debian's mawk): no gawk extensions.
#   cmd 2>&1 | tee LOG | awk -v label=build [-v show=REGEX] -f scripts/progress.awk
# Lines that match `show` (an extended regular expression) are printed as they are, before anything else.
function report(n, total,   p) {
  if (total <= 0) return
  p = int(n * 10 / total)
  if (p > last || n == total) {
    if (n == total && done) return
    last = p
    if (n == total) done = 1
    printf "   %s: %d/%d (%d%%)\n", label, n, total, int(n * 100 / total)
    fflush()
  }
}
BEGIN { last = -1; done = 0 }
show != "" && $0 ~ show { print; fflush(); next }
match($0, /^\[[0-9]+\/[0-9]+\]/) {
  split(substr($0, 2, RLENGTH - 2), a, "/"); report(a[1] + 0, a[2] + 0); next
}
match($0, /^ *[0-9]+\/[0-9]+ Test +#/) {
  s = substr($0, RSTART, RLENGTH); gsub(/ /, "", s); sub(/Test#.*/, "", s)
  split(s, a, "/"); report(a[1] + 0, a[2] + 0); next
}
