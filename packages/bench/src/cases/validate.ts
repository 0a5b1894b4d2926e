/**
 * Validation throughput on raw cell grids: Sasaeai `validateGrid` against Ajv (compiled JSON
 * Schema, allErrors, on pre-normalised rows — the near-limit baseline for type checks) and
 * against Frictionless `tableschema` (`Schema.castRow`) on the same table.
 */
import Ajv from 'ajv';
import tableschemaModule from 'tableschema';
import { getTemplate, validateGrid, type Plan, type RawCell, type SheetGrid } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { recordAsStrings, recordJsonSchema, tableSchema } from '../lib/schemas.js';
import { log, rotate, type Rotated } from '../lib/timing.js';
import type { CaseResult } from '../lib/types.js';

interface TableSchemaSchema {
  castRow(row: string[], opts?: { failFast?: boolean }): unknown[];
}
const { Schema } = tableschemaModule as unknown as { Schema: { load(descriptor: object): Promise<TableSchemaSchema> } };

const rps = (rows: number, ms: number) => Math.round((rows / ms) * 1000);

/** A raw cell as a CSV export of the workbook writes it. */
function cellAsString(c: RawCell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'object') return c.error;
  return String(c);
}

export async function validationCases(plan: Plan, opts: { rows: number; runs: number; tableschemaRows: number }): Promise<CaseResult[]> {
  const template = getTemplate(plan, 'district-activity') ?? plan.templates.find((t) => t.reportDateField !== undefined);
  if (!template) throw new Error('the plan has no any-time template');
  const ajv = new Ajv({ allErrors: true, $data: true, strict: false });
  const withRules = recordJsonSchema(plan, template);
  const { allOf: _rules, ...typesOnly } = withRules;
  const ajvTypes = ajv.compile(typesOnly);
  const ajvRules = ajv.compile(withRules);
  const ts = await Schema.load(tableSchema(plan, template));
  const out: CaseResult[] = [];
  let cleanGrid: SheetGrid | undefined;
  let cleanOpts: { plan: Plan; today: string } | undefined;

  for (const [label, badShare] of [['clean', 0], ['10% bad', 0.1], ['all bad', 1]] as const) {
    log(`validation: generating ${opts.rows} rows (${label})`);
    const gen = generateReturns(plan, { seed: 100 + Math.round(badShare * 100), rows: opts.rows, badShare, templateId: template.id });
    const grid = gen.grids[0] as SheetGrid;
    const vopts = { plan, today: gen.expected.asOf };
    const first = validateGrid(grid, vopts);
    if (first.summary.rowsWithErrors !== gen.expected.badRows) {
      throw new Error(`validation found ${first.summary.rowsWithErrors} rows with errors, the generator made ${gen.expected.badRows}`);
    }
    // Ajv gets what our validation produced (typed records); tableschema gets the same table as
    // strings twice: the raw cells as a CSV export would hold them, and the normalised records.
    const records = first.records.map((r) => r.values);
    const normStrings = records.map((r) => recordAsStrings(template, r));
    const header = grid.cells[0] ?? [];
    const order = template.fields.map((f) => first.columns.find((c) => c.field === f.key)?.column ?? -1);
    const rawStrings = grid.cells
      .slice(1)
      .filter((r) => r.some((c) => c !== null && c !== undefined && c !== ''))
      .map((r) => order.map((col) => (col > 0 ? cellAsString(r[col - 1]) : '')));
    if (header.length !== template.fields.length) throw new Error('unexpected header width');
    const tsRows = Math.min(opts.tableschemaRows, rawStrings.length);
    const tsScale = rawStrings.length / tsRows;
    const countInvalid = (v: (x: unknown) => boolean) => () => {
      let invalid = 0;
      for (let i = 0; i < records.length; i++) if (!v(records[i])) invalid++;
      return invalid;
    };
    const castAll = (rows: string[][]) => () => {
      let invalid = 0;
      for (let i = 0; i < rows.length; i++) {
        try {
          ts.castRow(rows[i] as string[]);
        } catch {
          invalid++;
        }
      }
      return invalid;
    };
    const fns = {
      ours: () => validateGrid(grid, vopts),
      ajvTypes: countInvalid(ajvTypes),
      ajvRules: countInvalid(ajvRules),
      // What producing the output alone costs: one located record per row, values copied.
      recordsOnly: () => first.records.map((r) => ({ ref: { ...r.ref }, values: { ...r.values }, errors: r.errors, warnings: r.warnings })),
      // tableschema needs 0.1–0.6 ms a row: it is timed on a subset and scaled (said in the note).
      ...(badShare < 1 ? { tsRaw: castAll(rawStrings.slice(0, tsRows)), tsNorm: castAll(normStrings.slice(0, tsRows)) } : {}),
      // The all-bad floor compares with the clean table timed in the same rotation (same load).
      ...(badShare === 1 && cleanGrid !== undefined ? { clean: () => validateGrid(cleanGrid as SheetGrid, cleanOpts ?? vopts) } : {}),
    };
    const invalid: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(fns)) if (k !== 'ours' && k !== 'recordsOnly' && k !== 'clean') invalid[k] = f();
    if (badShare < 1) log(`validation (${label}): tableschema counts are of the first ${tsRows} rows`);
    log(`validation (${label}): rows with errors — Sasaeai ${first.summary.rowsWithErrors}, peers ${JSON.stringify(invalid)}`);
    const t = await rotate(fns as Record<string, () => unknown>, { runs: opts.runs });
    const ours = t.ours as Rotated;
    const n = gen.expected.rows;
    const metrics = {
      recordsOnlyMs: Math.round((t.recordsOnly as { ms: number }).ms * 10) / 10,
      rowsWithErrors: first.summary.rowsWithErrors,
      issues: first.issues.length,
      samples: ours.samples.map(Math.round),
      pageFaults: ours.pageFaults,
    };
    const line = (name: string, peerName: string, peerKey: string, floor?: { max: number }, scale = 1): CaseResult => {
      const measured = t[peerKey] as { ms: number; samples: number[] };
      const p = { ms: measured.ms * scale, samples: measured.samples.map((x) => x * scale) };
      const r: CaseResult = {
        name,
        rows: n,
        ms: ours.ms,
        peer: { name: peerName, ms: p.ms },
        ratio: ours.ms / p.ms,
        rowsPerSecond: rps(n, ours.ms),
        peerRowsPerSecond: rps(n, p.ms),
        metrics: { ...metrics, peerInvalidRows: invalid[peerKey], peerSamples: p.samples.map((x) => Math.round(x * 10) / 10) },
      };
      if (scale !== 1) r.note = `peer timed on the first ${Math.round(n / scale)} rows and scaled ×${scale.toFixed(1)}`;
      r.detail = `${r.note !== undefined ? `${r.note}; ` : ''}peer flags ${String(invalid[peerKey])} rows${scale !== 1 ? ' of the subset' : ''}`;
      if (floor) {
        r.floor = `ratio <= ${floor.max}`;
        r.holds = r.ratio <= floor.max;
      }
      return r;
    };
    if (badShare === 0) {
      cleanGrid = grid;
      cleanOpts = vopts;
    }
    if (badShare < 1) {
      out.push(line(`validate ${label} vs Ajv (types)`, 'Ajv compiled JSON Schema, allErrors, typed rows', 'ajvTypes', { max: 3 }));
      out.push(line(`validate ${label} vs Ajv (types + row rules)`, 'Ajv compiled JSON Schema with if/then row rules ($data), typed rows', 'ajvRules'));
      out.push(line(`validate ${label} vs tableschema (raw table)`, 'tableschema Schema.castRow, the raw cells as CSV strings', 'tsRaw', { max: 0.1 }, tsScale));
      out.push(line(`validate ${label} vs tableschema (normalised table)`, 'tableschema Schema.castRow, the normalised records as CSV strings', 'tsNorm', { max: 0.1 }, tsScale));
    } else {
      const clean = (t.clean as { ms: number } | undefined)?.ms ?? ours.ms;
      out.push({
        name: 'validate all bad vs clean',
        rows: n,
        ms: ours.ms,
        peer: { name: 'Sasaeai validateGrid on the clean rows (same size, same rotation)', ms: clean },
        ratio: ours.ms / clean,
        // Issue #16: an all-bad table at least half as fast as a clean one.
        floor: 'ratio <= 2',
        holds: ours.ms / clean <= 2,
        rowsPerSecond: rps(n, ours.ms),
        peerRowsPerSecond: rps(n, clean),
        metrics: { ...metrics, ajvTypesMs: (t.ajvTypes as { ms: number }).ms },
        detail: `${first.issues.length} issues; Ajv (types) on the same rows ${Math.round((t.ajvTypes as { ms: number }).ms)} ms`,
      });
    }
  }
  return out;
}
