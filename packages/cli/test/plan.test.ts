import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures.js';
import { REPO, json, sasaeai } from './run.js';

const dir = tempDir();

function brokenPlan(): string {
  const plan = structuredClone(chibaPlan) as { units: { parent?: string }[]; flows: { to: string }[] };
  plan.units[3]!.parent = 'nowhere';
  plan.flows[0]!.to = 'no-such-body';
  const file = join(dir, 'broken.plan.json');
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}

describe('sasaeai plan', () => {
  it('check: a valid plan exits 0', async () => {
    const file = join(dir, 'chiba.plan.json');
    writeFileSync(file, JSON.stringify(chibaPlan));
    const r = await sasaeai(['plan', 'check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('誤りはありません');
  });

  it('check: a plan with errors exits 1 and names each problem at its JSON path', async () => {
    const file = brokenPlan();
    const r = await sasaeai(['plan', 'check', file, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error {2}\/units\/3\/parent {2}Parent unit "nowhere" does not exist\. {2}\[unknown_parent\]/);
    expect(r.stdout).toMatch(/\/flows\/0\/to .*no-such-body/);
    const o = json(await sasaeai(['plan', 'check', file, '--format', 'json']));
    expect(o.valid).toBe(false);
    expect(o.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['/units/3/parent', '/flows/0/to']));
  });

  it('check: a file that is not JSON, or is missing, exits 2', async () => {
    const file = join(dir, 'not.json');
    writeFileSync(file, '{ "id": "x", ');
    const r = await sasaeai(['plan', 'check', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('JSON');
    expect((await sasaeai(['plan', 'check', join(dir, 'missing.json')])).code).toBe(2);
  });

  it('other commands refuse a broken --plan with exit 2 and print its problems', async () => {
    const r = await sasaeai(['validate', join(dir, 'whatever.xlsx'), '--plan', brokenPlan()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/units/3/parent');
  });

  it('schema prints the JSON Schema of plan files; -o writes it, refusing to overwrite without --force', async () => {
    const r = await sasaeai(['plan', 'schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'Sasaeai plan file' });
    const out = join(dir, 'plan.schema.json');
    expect((await sasaeai(['plan', 'schema', '-o', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).title).toBe('Sasaeai plan file');
    expect((await sasaeai(['plan', 'schema', '-o', out])).code).toBe(2);
  });

  it('diagram draws the bodies and flows as Mermaid, in Japanese or English', async () => {
    const ja = await sasaeai(['plan', 'diagram']);
    expect(ja.code).toBe(0);
    expect(ja.stdout.startsWith('flowchart BT\n')).toBe(true);
    expect(ja.stdout).toContain('区支え合いのまち推進協議会');
    const en = await sasaeai(['plan', 'diagram', '--lang', 'en', '--no-support']);
    expect(en.stdout).not.toContain('-. "supports" .->');
  });

  it("works with another municipality's plan file: a town with no wards", async () => {
    const town = join(REPO, 'examples', 'custom-plan', 'town.plan.json');
    const out = join(dir, 'town.xlsx');
    const t = await sasaeai(['template', '--plan', town, '--district', '北地区', '-o', out]);
    expect(t.code).toBe(0);
    const v = json(await sasaeai(['validate', out, '--plan', town, '--format', 'json']));
    expect(v.plan.id).toBe('sakura-town-example');
    expect(v.files[0].sheets[0].template).toBe('area-report');
    expect((await sasaeai(['demo', '--plan', town, '-o', join(dir, 'town-demo')])).code).toBe(2);
  });
});
