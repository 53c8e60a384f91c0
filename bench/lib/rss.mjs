// Preloaded with --import: prints the process's peak resident memory (KB) and CPU time (user + system, ms) on
// exit, for the benchmark.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nRELM_BENCH_MAX_RSS_KB ${u.maxRSS}\nRELM_BENCH_CPU_MS ${(u.userCPUTime + u.systemCPUTime) / 1000}\n`);
});
