import { readSchema } from './schemas.js';

let cached: Set<string> | undefined;

/**
 * Every path into assessment.json that ends at a number or a text (a band): what an evidence rule may
 * name as its metric. Read from schemas/assessment.schema.json, the single source of truth for the document.
 */
export function metricPaths(): Set<string> {
  if (cached) return cached;
  const schema = readSchema('assessment') as { properties: Record<string, unknown>; definitions?: Record<string, unknown> };
  const out = new Set<string>();
  const deref = (node: Record<string, unknown>): Record<string, unknown> => {
    const ref = node.$ref as string | undefined;
    if (ref?.startsWith('#/definitions/')) return deref(schema.definitions![ref.slice(14)] as Record<string, unknown>);
    const anyOf = node.anyOf as Record<string, unknown>[] | undefined;
    const obj = anyOf?.map(deref).find((n) => n.properties);
    return obj ?? node;
  };
  const walk = (node: Record<string, unknown>, prefix: string) => {
    const n = deref(node);
    const props = n.properties as Record<string, Record<string, unknown>> | undefined;
    if (props) {
      for (const [k, child] of Object.entries(props)) walk(child, prefix ? `${prefix}.${k}` : k);
      return;
    }
    const type = ([] as unknown[]).concat(n.type ?? []);
    if (type.includes('number') || type.includes('integer') || type.includes('string') || Array.isArray(n.enum)) out.add(prefix);
  };
  for (const section of ['overall', 'backlog', 'releases', 'training']) walk(schema.properties[section] as Record<string, unknown>, section);
  cached = out;
  return out;
}
