// Preloaded with --import: prints the process's peak resident memory (KB) on exit, for the benchmark.
process.on('exit', () => process.stderr.write(`\nRELM_BENCH_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`));
