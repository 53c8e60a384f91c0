import { hint } from '../util/did-you-mean.js';
import { finding, type Finding } from '../diagnostics/finding.js';
import { validateSchema } from './schemas.js';
import type { FileSource } from './source.js';
import type { CheckInput, Responses, ResponsesFile } from './types.js';
import { decodeUtf8, YamlSource } from './yaml-source.js';
import { ID } from '../util/ids.js';

/** Where the respondents' answers live: one file per respondent, named by its id. */
export const RESPONSES_DIR = 'responses';

/**
 * Reads responses/*.yaml (one respondent each, schemas/responses.schema.json). The file name without
 * `.yaml` is the respondent's id, the id of its interview record too. A folder that is absent means no
 * questionnaire has come back.
 */
export function loadResponses(files: FileSource, findings: Finding[], sources: Map<string, YamlSource>): { list: Responses[]; valid: boolean } {
  const list: Responses[] = [];
  let valid = true;
  for (const name of files.list(RESPONSES_DIR).filter((n) => n.endsWith('.yaml'))) {
    const file = `${RESPONSES_DIR}/${name}`;
    const id = name.slice(0, -'.yaml'.length);
    const fail = (f: Finding) => {
      findings.push(f);
      valid = false;
    };
    if (!ID.test(id)) {
      fail(
        finding(
          'invalid-id',
          { file, line: 1, col: 1 },
          `"${id}" is not a valid respondent id: name the file with letters, digits, ".", "_" and "-", starting with a letter or digit`,
        ),
      );
      continue;
    }
    const read = files.read(file);
    if (!read.ok) {
      fail(finding('unreadable-file', { file, line: 1, col: 1 }, `cannot read the respondent's answers: ${read.reason}`));
      continue;
    }
    const decoded = decodeUtf8(file, read.bytes);
    if (!decoded.ok) {
      fail(decoded.finding);
      continue;
    }
    const source = new YamlSource(file, decoded.text);
    sources.set(file, source);
    const parsed = source.parse(); // records the positions a finding will need
    if (!parsed.ok) {
      fail(parsed.finding);
      continue;
    }
    const errors = validateSchema('responses', file, parsed.data);
    if (errors.length) {
      for (const f of errors) fail(f);
      continue;
    }
    list.push({ ...(parsed.data as ResponsesFile), id, file });
  }
  return { list, valid };
}

/**
 * Cross-file checks of the respondents' answers: every practice and criterion they name exists, every
 * respondent has an interview record. (Their disagreements need the consensus: engine/respondent-findings.ts.)
 */
export function checkResponses(e: CheckInput, responses: readonly Responses[]): Finding[] {
  const out: Finding[] = [];
  const model = e.model;
  if (!responses.length || !model) return out;
  const practices = new Map(model.practices.map((p) => [p.id, p]));
  const owner = new Map(model.practices.flatMap((p) => p.criteria.map((c) => [c.id, p.id] as const)));
  const interviews = new Set(e.interviews.map((i) => i.id));
  for (const r of responses) {
    for (const [pid, answers] of Object.entries(r.answers)) {
      const practice = practices.get(pid);
      if (!practice) {
        out.push(
          finding(
            'unknown-practice',
            { file: r.file, path: ['answers', pid], at: 'key' },
            `"${pid}" is not a practice of the model "${model.id}"${hint(pid, practices.keys())}`,
          ),
        );
        continue;
      }
      for (const cid of Object.keys(answers ?? {})) {
        if (owner.get(cid) === pid) continue;
        const where = owner.has(cid)
          ? `; it belongs to practice "${owner.get(cid)}"`
          : hint(
              cid,
              practice.criteria.map((c) => c.id),
            );
        out.push(
          finding('unknown-criterion', { file: r.file, path: ['answers', pid, cid], at: 'key' }, `"${cid}" is not a criterion of practice "${pid}"${where}`),
        );
      }
    }
    if (!interviews.has(r.id) && e.interviewsComplete) {
      out.push(
        finding(
          'respondent-without-interview',
          { file: r.file, path: ['respondent'], at: 'key' },
          `respondent "${r.id}" (${r.respondent.name}) has no interview record interviews/${r.id}.md, so practices.yaml cannot cite it as a source; \`relm questionnaire import\` writes one`,
        ),
      );
    }
  }
  return out;
}
