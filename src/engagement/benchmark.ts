import { posix } from 'node:path';
import { finding, type Finding } from '../diagnostics/finding.js';
import { validateSchema } from './schemas.js';
import type { FileSource } from './source.js';

/**
 * The benchmark file relm.yaml `benchmark` names (the JSON of `relm portfolio --json`), read from the
 * engagement folder: the portfolio, or why it cannot be used.
 */
export function readBenchmark(source: FileSource, path: string): { ok: true; portfolio: unknown } | { ok: false; problem: string } {
  const read = source.read(posix.normalize(path));
  if (!read.ok) return { ok: false, problem: read.reason };
  let data: unknown;
  try {
    data = JSON.parse(read.bytes.toString('utf8'));
  } catch (err) {
    return { ok: false, problem: `it is not JSON (${(err as Error).message})` };
  }
  const errors = validateSchema('portfolio', path, data);
  if (errors.length) {
    const first = errors[0]!;
    return { ok: false, problem: `it is not a relm portfolio (${first.path?.length ? `${first.path.join('.')}: ` : ''}${first.message})` };
  }
  return { ok: true, portfolio: data };
}

/** The finding for relm.yaml when its `benchmark` cannot be used; none when it can (or is not set). */
export function checkBenchmark(source: FileSource, path: string | undefined): Finding[] {
  if (path === undefined) return [];
  const r = readBenchmark(source, path);
  if (r.ok) return [];
  return [
    finding(
      'benchmark-not-usable',
      { file: 'relm.yaml', path: ['benchmark'] },
      `the benchmark ${path} cannot be used: ${r.problem}; name the JSON that \`relm portfolio --json -o <file>\` wrote, inside the engagement folder`,
    ),
  ];
}
