import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { fsError, isFsError, shown } from './fs-errors.js';
import { onInterrupt } from './interrupt.js';
import { realExisting } from './atomic-write.js';

/** Folders of the engagement that hold what the user wrote (or relm's records): never an output. */
const INPUT_FOLDERS = ['.git', 'templates', 'interviews', 'observations', 'responses', '.relm'];
/** The engagement's own files (docs/engagement-files.md), which no output may replace. */
const INPUT_FILES = ['relm.yaml', 'practices.yaml', 'target.yaml', 'backlog.yaml', 'releases.yaml', 'team.yaml', 'plan.yaml', 'progress.yaml'];

function within(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Checks that a path relm is to write to stays inside the engagement, as reads do: by its path (no `..`
 * out, no absolute path elsewhere) and through every link on the way (an `out` link to elsewhere is refused).
 * `label` names where the path came from (relm.yaml `output.dir`, `--out`, …) for the message.
 */
export function confineWrite(root: string, abs: string, label: string): string {
  const how = 'relm writes only inside the engagement folder.';
  if (!within(root, abs)) {
    throw new RelmError(
      `${label} ${shown(abs)} is outside the engagement folder ${shown(root)}`,
      EXIT_USAGE,
      `Name a folder inside it (e.g. out), then copy the deliverables where you need them: ${how}`,
    );
  }
  const realRoot = realpathSync(root);
  const real = realExisting(abs);
  if (!within(realRoot, real)) {
    throw new RelmError(
      `${label} ${shown(abs)} leads outside the engagement folder through a link (to ${real})`,
      EXIT_USAGE,
      `Replace the link with a real folder, or remove it: ${how}`,
    );
  }
  return abs;
}

/** An output folder: confined (see confineWrite), and neither the engagement folder itself nor one of its input folders. */
export function confineOutputDir(root: string, abs: string, label: string): string {
  confineWrite(root, abs, label);
  const rel = relative(realpathSync(root), realExisting(abs)).split(sep);
  if (rel[0] === '' || INPUT_FOLDERS.includes(rel[0]!)) {
    throw new RelmError(
      `${label} ${shown(abs)} is ${rel[0] === '' ? 'the engagement folder itself' : `inside ${rel[0]}/, which holds your own files`}`,
      EXIT_USAGE,
      'Name a folder of its own for the deliverables, e.g. out: relm replaces the files it writes there.',
    );
  }
  return abs;
}

/**
 * Refuses an output file that is one of the engagement's inputs: relm.yaml, practices.yaml and the other
 * engagement files, `also` (the model file relm.yaml names), or anything in an input folder (interviews/,
 * templates/, …). A path outside the engagement is not its input: the caller decides whether it may go there.
 */
export function protectInputs(root: string, abs: string, label: string, also: readonly string[] = []): string {
  const realRoot = realpathSync(root);
  const rel = relative(realRoot, realExisting(abs));
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return abs;
  const parts = rel.split(sep);
  const inputs = [...INPUT_FILES, ...also.map((p) => relative(realRoot, realExisting(join(root, p))))];
  if (rel === '' || INPUT_FOLDERS.includes(parts[0]!) || inputs.includes(rel)) {
    const what =
      rel === ''
        ? 'the engagement folder itself'
        : INPUT_FOLDERS.includes(parts[0]!)
          ? `inside ${parts[0]}/, which holds your own files`
          : 'a file of the engagement';
    throw new RelmError(`${label} ${shown(abs)} is ${what}: relm does not write over its inputs`, EXIT_USAGE, 'Name another file, e.g. in out/.');
  }
  return abs;
}

/** An output file of a command that works on one engagement: inside it (see confineWrite), and none of its inputs. */
export function confineOutputFile(root: string, abs: string, label: string, also: readonly string[] = []): string {
  return protectInputs(root, confineWrite(root, abs, label), label, also);
}

const STAGE = /^\.relm-staging-(\d+)-/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging folders that a killed run (kill -9, a power cut) left in `dir`. */
function sweep(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = STAGE.exec(n);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(join(dir, n), { recursive: true, force: true });
  }
}

/**
 * All-or-nothing output into a folder: files are written to a staging folder inside it (same file system),
 * then renamed into place together once all of them are written. A failure before that leaves the folder as
 * it was; a failure while renaming puts back the files already replaced. Interrupted, the staging folder is
 * removed; killed outright, the next run removes it.
 */
export class StagedOutput {
  readonly #dir: string;
  readonly #stage: string;
  readonly #created: string | undefined;
  readonly #forget: () => void;
  readonly #files: string[] = [];
  #done = false;

  /** `dir` must already be confined (see confineWrite). */
  constructor(dir: string) {
    this.#dir = dir;
    let created: string | undefined;
    try {
      created = mkdirSync(dir, { recursive: true });
      sweep(dir);
      this.#stage = mkdtempSync(join(dir, `.relm-staging-${process.pid}-`));
    } catch (err) {
      if (created) rmSync(created, { recursive: true, force: true });
      throw isFsError(err) ? fsError(err, 'write to', 'Nothing was written.') : err;
    }
    this.#created = created;
    this.#forget = onInterrupt(() => this.discard());
  }

  /** Writes one file (a path relative to the folder, forward slashes) into the staging folder. */
  write(rel: string, data: string | Uint8Array): void {
    const file = join(this.#stage, 'new', rel);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
    } catch (err) {
      this.discard();
      throw isFsError(err)
        ? fsError(Object.assign(err, { path: join(this.#dir, rel) }), 'write', 'Nothing was changed: the previous files are as they were.')
        : err;
    }
    this.#files.push(rel);
  }

  /** Checks that every file can take its place: each destination is a file or nothing, in a real folder. */
  #check(): void {
    const realDir = realpathSync(this.#dir);
    for (const rel of this.#files) {
      const dest = join(this.#dir, rel);
      for (let p = dirname(dest); p.length > this.#dir.length; p = dirname(p)) {
        let st: ReturnType<typeof lstatSync>;
        try {
          st = lstatSync(p);
        } catch {
          continue; // created when moving in
        }
        if (st.isSymbolicLink() && !within(realDir, realExisting(p))) {
          throw new RelmError(
            `${shown(p)} is a link to outside the output folder`,
            EXIT_USAGE,
            'Replace the link with a real folder, or remove it: relm writes only inside the engagement folder. Nothing was changed.',
          );
        }
        if (!st.isDirectory() && !st.isSymbolicLink())
          throw fsError(
            Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR', path: dest, syscall: 'rename' }),
            'write',
            'Nothing was changed: the previous files are as they were.',
          );
      }
      try {
        if (lstatSync(dest).isDirectory())
          throw fsError(
            Object.assign(new Error('EISDIR'), { code: 'EISDIR', path: dest, syscall: 'rename' }),
            'write',
            'Nothing was changed: the previous files are as they were.',
          );
      } catch (err) {
        if (err instanceof RelmError) throw err;
      }
    }
  }

  /** Moves every staged file into place; on a failure, puts back what was already replaced. */
  commit(): string[] {
    try {
      this.#check();
      const backups = join(this.#stage, 'old');
      const moved: { dest: string; backup: string | null }[] = [];
      try {
        for (const rel of this.#files) {
          const dest = join(this.#dir, rel);
          let backup: string | null = null;
          if (existsSync(dest)) {
            backup = join(backups, rel);
            mkdirSync(dirname(backup), { recursive: true });
            try {
              linkSync(dest, backup);
            } catch {
              copyFileSync(dest, backup);
            }
          }
          mkdirSync(dirname(dest), { recursive: true });
          renameSync(join(this.#stage, 'new', rel), dest);
          moved.push({ dest, backup });
        }
      } catch (err) {
        for (const m of moved.reverse()) {
          try {
            if (m.backup) renameSync(m.backup, m.dest);
            else rmSync(m.dest, { force: true });
          } catch {
            // best effort: the message below says what failed
          }
        }
        throw isFsError(err) ? fsError(err, 'write', 'Nothing was changed: the previous files were put back.') : err;
      }
    } catch (err) {
      this.discard();
      throw err;
    }
    this.discard();
    return this.#files.map((rel) => join(this.#dir, rel));
  }

  /** Removes the staging folder (and the output folder itself when this run created it and nothing landed). */
  discard(): void {
    if (this.#done) return;
    this.#done = true;
    this.#forget?.();
    rmSync(this.#stage, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
    if (this.#created && !this.#committed()) rmSync(this.#created, { recursive: true, force: true });
  }

  #committed(): boolean {
    return this.#files.some((rel) => existsSync(join(this.#dir, rel)));
  }
}
