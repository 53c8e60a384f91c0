import type { Command, Option } from 'commander';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { writeOut } from './ui.js';
import type { RunContext } from './run-context.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** A command as completion sees it: its words, its options' flags and descriptions, its subcommands. */
interface Spec {
  words: string[];
  description: string;
  options: { flags: string[]; description: string; takesValue: boolean }[];
  subcommands: Spec[];
}

function optionSpec(o: Option): Spec['options'][number] {
  const flags = [o.short, o.long].filter((f): f is string => !!f);
  return { flags, description: o.description, takesValue: o.required || o.optional };
}

/** The program's commands as they are defined (help and version included), so completion never lags behind them. */
export function specOf(cmd: Command, words: string[] = []): Spec {
  const options = [...cmd.options.map(optionSpec), { flags: ['-h', '--help'], description: 'display help', takesValue: false }];
  const subcommands = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden).map((c) => specOf(c, [...words, c.name()]));
  return { words, description: cmd.description(), options, subcommands };
}

function flatten(spec: Spec): Spec[] {
  return [spec, ...spec.subcommands.flatMap(flatten)];
}

const oneLine = (s: string, max = 80) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).replace(/[\s,;:]+\S*$/, '')}…` : t;
};
const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(root: Spec): string {
  const cases = flatten(root)
    .filter((s) => s.words.length)
    .map((s) => {
      const words = [...s.options.flatMap((o) => o.flags), ...s.subcommands.map((c) => c.words.at(-1)!)].join(' ');
      return `    ${shQuote(s.words.join(' '))}) words=${shQuote(words)} ;;`;
    });
  const top = root.subcommands.map((c) => c.words[0]).join(' ');
  return `# relm completion for bash: add to ~/.bashrc
#   source <(relm completion bash)
_relm_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" key="" words="" i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    case " $(_relm_words "$key") " in *" $w "*) key="\${key:+$key }$w" ;; *) break ;; esac
  done
  words="$(_relm_words "$key")"
  if [[ -z "$key" ]]; then words=${shQuote(top + ' --help --version')}; fi
  if [[ "$cur" == -* || -z "$key" ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$words" -- "$cur") $(compgen -f -- "$cur"))
  fi
}
_relm_words() {
  local words=""
  case "$1" in
    '') words=${shQuote(top)} ;;
${cases.join('\n')}
  esac
  printf '%s' "$words"
}
complete -o default -F _relm_complete relm
`;
}

function zsh(root: Spec): string {
  const zq = (s: string) => s.replace(/[\\:']/g, (c) => (c === "'" ? `'\\''` : `\\${c}`));
  const entries = flatten(root).map((s) => {
    const items = [
      ...s.subcommands.map((c) => `'${zq(c.words.at(-1)!)}:${zq(oneLine(c.description))}'`),
      ...s.options.flatMap((o) => o.flags.map((f) => `'${zq(f)}:${zq(oneLine(o.description))}'`)),
    ];
    return `    ${shQuote(s.words.join(' '))}) items=(${items.join(' ')}) ;;`;
  });
  return `#compdef relm
# relm completion for zsh: add to ~/.zshrc (after compinit)
#   source <(relm completion zsh)
_relm() {
  local key="" w i
  local -a items
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    [[ "$w" == -* ]] && continue
    _relm_items "\${key:+$key }$w"
    (( \${#items} )) && key="\${key:+$key }$w" || break
  done
  _relm_items "$key"
  _describe 'relm' items
  [[ -n "$key" && "\${words[CURRENT]}" != -* ]] && _files
}
_relm_items() {
  items=()
  case "$1" in
${entries.join('\n')}
  esac
}
compdef _relm relm
`;
}

function fish(root: Spec): string {
  const fq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = ['# relm completion for fish: save as ~/.config/fish/completions/relm.fish', '#   relm completion fish > ~/.config/fish/completions/relm.fish'];
  for (const s of flatten(root)) {
    // The condition that the words of this command have been typed (and, for a parent, no subcommand yet).
    const seen = s.words.map((w) => `__fish_seen_subcommand_from ${w}`);
    const noSub = s.subcommands.length ? [`not __fish_seen_subcommand_from ${s.subcommands.map((c) => c.words.at(-1)).join(' ')}`] : [];
    const cond = s.words.length ? [...seen, ...noSub].join('; and ') : '__fish_use_subcommand';
    for (const c of s.subcommands) lines.push(`complete -c relm -f -n ${fq(cond)} -a ${fq(c.words.at(-1)!)} -d ${fq(oneLine(c.description))}`);
    if (!s.words.length) continue;
    const optCond = seen.join('; and ');
    for (const o of s.options) {
      const long = o.flags.find((f) => f.startsWith('--'));
      const short = o.flags.find((f) => !f.startsWith('--'));
      const parts = [`complete -c relm -n ${fq(optCond)}`];
      if (short) parts.push(`-s ${short.slice(1)}`);
      if (long) parts.push(`-l ${long.slice(2)}`);
      if (o.takesValue) parts.push('-r');
      parts.push(`-d ${fq(oneLine(o.description))}`);
      lines.push(parts.join(' '));
    }
  }
  return lines.join('\n') + '\n';
}

const WRITERS: Record<Shell, (s: Spec) => string> = { bash, zsh, fish };

/** `relm completion <shell>`: the completion script, generated from the program's own commands and options. */
export function runCompletion(ctx: RunContext, program: Command, shell: string | undefined): void {
  if (!shell || !(SHELLS as readonly string[]).includes(shell))
    throw new RelmError(
      shell ? `no completion for the shell "${shell}"` : 'relm completion needs a shell',
      EXIT_USAGE,
      `Choose one of: ${SHELLS.join(', ')}, e.g. source <(relm completion bash)`,
    );
  writeOut(ctx, WRITERS[shell as Shell](specOf(program)));
}
