import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { relm } from '../helpers/cli.js';
import { KEY, Terminal } from './terminal.js';

const dirs: string[] = [];
const terminals: Terminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('relm init at a terminal', () => {
  it('asks for the client, dates, people, currency, day rate and the applications with platform and criticality', async () => {
    const base = mkdtempSync(join(tmpdir(), 'relm-init-'));
    dirs.push(base);
    const t = new Terminal(['init', 'acme'], base);
    terminals.push(t);
    await t.answer('Client organisation:', 'ACME Bank' + KEY.enter);
    await t.answer('Engagement title:', KEY.enter);
    await t.answer('As-of date', '2026-03-31' + KEY.enter);
    await t.answer('Consultants', 'A. Smith (Lead consultant)' + KEY.enter);
    await t.answer('Sponsor', 'B. Jones (CIO)' + KEY.enter);
    await t.answer('Currency', 'gbp' + KEY.enter);
    await t.answer('Day rate, the cost of one person-day in GBP', '950' + KEY.enter);
    await t.answer("the first one's id", 'core-banking' + KEY.enter);
    await t.answer('core-banking: its name:', 'Core Banking' + KEY.enter);
    await t.answer('core-banking: its platform', 'mainframe' + KEY.enter);
    await t.choose('core-banking: how critical', [[KEY.up, 'high']]);
    await t.answer('Another application in scope', 'web-portal' + KEY.enter);
    await t.answer('web-portal: its name:', KEY.enter);
    await t.answer('web-portal: its platform', KEY.enter);
    await t.choose('web-portal: how critical', [
      [KEY.down, 'low'],
      [KEY.down, '(skip)'],
    ]);
    await t.answer('Another application in scope', KEY.enter);
    await t.waitFor('Next: answer the criteria');
    expect(await t.exit()).toBe(0);

    const dir = join(base, 'acme');
    const manifest = readFileSync(join(dir, 'relm.yaml'), 'utf8');
    expect(manifest).toContain('  client: ACME Bank\n  title: Release Management Assessment\n  as_of: 2026-03-31\n');
    expect(manifest).toContain('  sponsor:\n    name: B. Jones\n    role: CIO\n  currency: GBP\n  day_rate: 950\n');
    expect(readFileSync(join(dir, 'backlog.yaml'), 'utf8')).toContain(
      '  - {id: core-banking, name: Core Banking, platform: mainframe, criticality: high}\n  - {id: web-portal, name: web-portal}\n',
    );
    expect((await relm(['validate', '-C', dir])).status).toBe(0);
  });
});
