# Sourced by the ingest benchmarks (paired.sh, users.sh): when has a JVM compiled what a load makes hot?
# A JVM still compiling reads low and spends CPU on it (docs/benchmarks.md, "The JIT's warm-up, and the ratio at
# steady state").

# CPU ticks so far of a JVM's JIT compiler threads (C1 and C2).
jit_ticks() {
  local t sum=0
  for t in /proc/"$1"/task/*; do
    [[ "$(cat "$t/comm" 2>/dev/null)" == C[12]* ]] && sum=$((sum + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)))
  done
  echo "$sum"
}

# jit_quiet TICKS SECONDS: true when TICKS of compiler CPU over SECONDS are under UGC_BENCH_JIT_QUIET (default 2) % of
# one core.
jit_quiet() {
  (($1 * 100 < ${UGC_BENCH_JIT_QUIET:-2} * $(getconf CLK_TCK) * $2))
}
