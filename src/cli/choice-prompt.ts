import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isNumberKey,
  isUpKey,
  makeTheme,
  usePagination,
  usePrefix,
  useState,
  useKeypress,
  type KeypressEvent,
} from '@inquirer/core';

/**
 * A select prompt for the interview. Unlike a general-purpose one, a key never changes the answer behind the
 * user's back: Esc puts the highlight back on the current answer (it used to jump to the first choice, so that
 * Enter then recorded "none"), ← (or Backspace) goes back to the previous question when there is one, digits
 * pick a choice by its number, and letters only by a prefix the user has typed.
 */

export const BACK = Symbol('back');

export interface Choice<T> {
  value: T;
  name: string;
  short?: string;
}

interface Config<T> {
  message: string;
  choices: Choice<T>[];
  /** The current answer: highlighted first, and where Esc returns. */
  default?: T;
  /** Whether ← (or Backspace) and a "← previous question" entry go back. */
  back?: boolean;
}

type Entry<T> = Choice<T | typeof BACK>;

const isEscape = (key: KeypressEvent) => key.name === 'escape';
const isLeft = (key: KeypressEvent) => key.name === 'left' || key.name === 'backspace';

export const choose = createPrompt(<T>(config: Config<T>, done: (value: T | typeof BACK) => void) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const prefix = usePrefix({ status, theme });
  const items: Entry<T>[] = [...config.choices, ...(config.back ? [{ value: BACK, name: '← previous question', short: 'back' } as Entry<T>] : [])];
  const start = Math.max(
    0,
    items.findIndex((c) => c.value === config.default),
  );
  const [active, setActive] = useState(start);
  const [typed, setTyped] = useState('');

  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      setStatus('done');
      done(items[active]!.value);
    } else if (isEscape(key)) {
      rl.clearLine(0);
      setTyped('');
      setActive(start);
    } else if (config.back && isLeft(key)) {
      setStatus('done');
      setActive(items.length - 1);
      done(BACK);
    } else if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0);
      setActive((active + (isUpKey(key) ? -1 : 1) + items.length) % items.length);
    } else if (isNumberKey(key)) {
      rl.clearLine(0);
      const n = Number(key.name) - 1;
      if (n >= 0 && n < config.choices.length) setActive(n);
    } else if (/^[a-z]$/i.test(key.name)) {
      const text = (typed + key.name).toLowerCase();
      rl.clearLine(0);
      const match = config.choices.findIndex((c) => c.name.toLowerCase().startsWith(text));
      if (match >= 0) {
        setTyped(text);
        setActive(match);
      } else {
        setTyped('');
      }
    } else {
      rl.clearLine(0);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const chosen = items[active]!;
    return `${prefix} ${message} ${theme.style.answer(chosen.short ?? chosen.name)}`;
  }
  const page = usePagination({
    items,
    active,
    renderItem: ({ item, index, isActive }) => {
      const label = item.value === BACK ? item.name : `${index + 1}. ${item.name}`;
      return isActive ? theme.style.highlight(`❯ ${label}`) : `  ${label}`;
    },
    pageSize: items.length,
    loop: false,
  });
  const help = `↑↓ or 1-${config.choices.length} choose · ⏎ confirm · Esc back to the current answer${config.back ? ' · ← previous question' : ''}`;
  return `${prefix} ${message}\n${page}\n${theme.style.help(help)}`;
});
