/**
 * The maturity model. Its types are generated from schemas/model.schema.json (src/schema-types/model.ts,
 * `npm run types`); these are their names.
 */
import type { Model, Perspective, Practice, Recommendation, Role } from '../schema-types/model.js';

export type { EvidenceRule, Model, Perspective, Practice, Recommendation, Skill } from '../schema-types/model.js';

/** The perspectives in the schema's order (its enum, which this must list in full). */
export const PERSPECTIVES = ['people', 'process', 'technology', 'organization', 'integration'] as const satisfies readonly Perspective[];
// Fails to compile when the schema gains a perspective that the list above lacks.
const _everyPerspective: Exclude<Perspective, (typeof PERSPECTIVES)[number]> extends never ? true : never = true;
void _everyPerspective;

export type Criterion = Practice['criteria'][number];
export type Alternative = NonNullable<Recommendation['alternatives']>[number];
/** A standard role of the practice area, with the skill levels it requires (team.yaml's roles start from these). */
export type ModelRole = Role;
/** An ITSM process release management links to (model `processes`). */
export type Process = NonNullable<Model['processes']>[number];
