import type { BacklogItem, ItemStatus } from './types.js';

/** An item's status: `new` when backlog.yaml gives none. */
export const statusOf = (i: BacklogItem): ItemStatus => i.status ?? 'new';
