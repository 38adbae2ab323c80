# Shared helpers of the benchmark scripts (sourced, not run).
measure() { # prints "seconds peak_kb" for one run of the command
  /usr/bin/time -f "%e %M" -o /tmp/fairwatch-bench.time "$@" >/dev/null 2>&1
  cat /tmp/fairwatch-bench.time
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
