/**
 * `relm templates context`: the data a template receives, as an outline of its fields (name, type, an example
 * value from this engagement). Lists are described once, by the union of their entries' fields.
 */
import { maxOf } from '../util/arrays.js';

interface Shape {
  types: Set<string>;
  example?: unknown;
  /** Fields of the mappings seen here, in first-seen order. */
  fields?: Map<string, Shape>;
  /** The shape of list entries, and the list lengths seen. */
  items?: Shape;
  lengths?: number[];
}

function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'number';
  return typeof v === 'boolean' ? 'true/false' : typeof v;
}

function add(shape: Shape, v: unknown): void {
  const t = typeOf(v);
  shape.types.add(t);
  if (t === 'list') {
    const list = v as unknown[];
    (shape.lengths ??= []).push(list.length);
    shape.items ??= { types: new Set() };
    for (const x of list) add(shape.items, x);
  } else if (t === 'mapping') {
    shape.fields ??= new Map();
    for (const [k, x] of Object.entries(v as object)) {
      let f = shape.fields.get(k);
      if (!f) shape.fields.set(k, (f = { types: new Set() }));
      add(f, x);
    }
  } else if (t !== 'null' && shape.example === undefined) {
    shape.example = v;
  }
}

/** The shape of a value: every field and list entry seen, merged. */
export function shapeOf(v: unknown): Shape {
  const s: Shape = { types: new Set() };
  add(s, v);
  return s;
}

const PLURAL: Record<string, string> = { text: 'texts', number: 'numbers', mapping: 'mappings', 'true/false': 'true/false values', null: 'nulls' };

function typeWords(s: Shape, plural = false): string {
  if (!s.types.size) return '';
  const types = [...s.types].filter((t) => t !== 'null');
  let words = types
    .map((t) => {
      if (t !== 'list') return t;
      const lengths = s.lengths ?? [];
      const entries = s.items ? typeWords(s.items, true) : '';
      const n = lengths.length === 1 ? `${lengths[0]} ` : '';
      return `list of ${n}${entries || 'entries'}`;
    })
    .join(' or ');
  if (!words) words = 'null';
  else if (s.types.has('null')) words += plural ? ' or nulls' : ', or null';
  return plural ? words.replace(/\b(text|number|mapping|true\/false|null)\b(?! values)/g, (w) => PLURAL[w] ?? w).replace(/\blist of\b/g, 'lists of') : words;
}

function example(v: unknown): string {
  if (v === undefined) return '';
  const text = typeof v === 'string' ? JSON.stringify(v.length > 48 ? `${v.slice(0, 48)}…` : v) : String(v);
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/**
 * The outline: one line per field, indented by depth; `name[]` for the entries of a list. Mappings that appear
 * in several places (a practice in a perspective and in the gap table) are shown in each, as the template
 * reaches them.
 */
export function formatShape(root: Shape, maxDepth = 8): string {
  const rows: [string, string, string][] = [];
  // A mapping met again (a practice in a perspective, in the gap table, in a requirement) is shown once.
  const shown = new Map<string, string>();
  const walk = (s: Shape, depth: number, where: string) => {
    if (depth >= maxDepth) return;
    for (const [name, f] of s.fields ?? []) {
      const indent = '  '.repeat(depth);
      const path = where ? `${where}.${name}` : name;
      rows.push([`${indent}${name}`, typeWords(f), example(f.example)]);
      if (f.fields) walk(f, depth + 1, path);
      const entries = f.items?.fields;
      if (entries) {
        const key = [...entries.keys()].sort().join(',');
        const seen = shown.get(key);
        if (seen && entries.size >= 4) {
          rows.push([`${indent}  ${name}[]`, `each entry: as ${seen}`, '']);
        } else {
          shown.set(key, `${path}[]`);
          rows.push([`${indent}  ${name}[]`, 'each entry:', '']);
          walk(f.items!, depth + 2, `${path}[]`);
        }
      }
    }
  };
  walk(root, 0, '');
  const w0 = Math.min(44, maxOf(rows.map((r) => r[0].length)));
  const w1 = Math.min(26, maxOf(rows.map((r) => r[1].length)));
  return rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd()).join('\n') + '\n';
}
