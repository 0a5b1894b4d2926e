/**
 * `sasaeai demo [-o dir]`: the README's first command. Writes the sample returns of the Chiba
 * preset as real .xlsx files, validates them, rolls them up (中央区's ward progress and the annual
 * report to the expert subcommittee), writes the reports and prints where everything is.
 *
 * The demo owns its folder: it replaces the files it wrote before (it recognises them by the
 * metadata it records in them) and refuses a folder holding anything else unless `--force`.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { blankReturnSheet, formatFiscalYear, getBody, getTemplate, getUnit, loadPlan, verificationSheet, type Lang, type LocalizedText, type Plan, type SheetColumn, type SheetModel, type WorkbookModel } from '@sasaeai/core';
import { checkFiles, type CheckRun } from '../check.js';
import { globals, requirePlanOption } from '../context.js';
import { DEMO_DISTRICT, DEMO_FISCAL_YEAR, DEMO_PRESET, DEMO_RETURNS, DEMO_TODAY, DEMO_WARD, type DemoReturn } from '../demo-data.js';
import { displayPath } from '../files.js';
import { PRESETS } from '../plan-source.js';
import { usage } from '../messages.js';
import { progress } from '../progress.js';
import { GENERATOR } from '../version.js';
import { readWorkbook } from '../xlsx/read.js';
import { writeWorkbookFile } from '../xlsx/write.js';
import type { Cli } from '../main.js';
import { rollUp } from './rollup.js';

/** Metadata key that marks a workbook as written by the demo. */
export const DEMO_KEY = 'sasaeai.demo';

/**
 * Registers `demo`.
 *
 * @example
 * ```ts
 * registerDemo(program, cli);
 * ```
 */
export function registerDemo(program: Command, cli: Cli): void {
  program
    .command('demo')
    .summary('write sample returns, validate and roll them up / サンプルの報告で検証と集約を試す')
    // Named from the preset plan's data, read only when the help is shown (not at every start-up).
    .configureHelp({ commandDescription: demoDescription })
    .option('-o, --output <dir>', 'folder for the demo files (default ./sasaeai-demo) / 出力フォルダ', 'sasaeai-demo')
    .option('--force', 'write into a folder that holds other files too / 他のファイルがあるフォルダにも書き出す')
    .action(async (opts: { output: string; force?: boolean }, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      if (!DEMO_RETURNS.every((r) => getTemplate(plan, r.templateId)) || !plan.units.some((u) => u.code === DEMO_WARD)) {
        // The message names the preset's municipality from the preset plan, not from a literal.
        const preset = await requirePlanOption(DEMO_PRESET, lang, cli.io);
        usage('demo_needs_preset', { preset: DEMO_PRESET, municipality: preset.municipality.name });
      }
      const dir = opts.output;
      const returnsDir = join(dir, 'returns');
      const reportsDir = join(dir, 'reports');
      const blankFile = join(dir, 'blank', lang === 'ja' ? `${unitName(plan, DEMO_WARD)}_${unitName(plan, DEMO_DISTRICT)}_報告様式.xlsx` : `${unitSlug(plan, DEMO_WARD)}-${unitSlug(plan, DEMO_DISTRICT)}-blank-return.xlsx`);
      const wardFile = join(reportsDir, reportName(plan, 'ward', lang));
      const annualFile = join(reportsDir, reportName(plan, 'annual', lang));
      const verificationFile = join(reportsDir, reportName(plan, 'verification', lang));
      const planned = [
        blankFile,
        ...DEMO_RETURNS.map((r) => join(returnsDir, r.file)),
        wardFile,
        annualFile,
        verificationFile,
      ];
      await claimFolder(dir, planned, opts.force === true);
      await mkdir(returnsDir, { recursive: true });
      await mkdir(reportsDir, { recursive: true });
      await mkdir(join(dir, 'blank'), { recursive: true });

      // The blank return a district chapter would be sent (sasaeai template does the same).
      const blank = blankReturnSheet(plan, 'district-activity', { ward: DEMO_WARD, district: DEMO_DISTRICT, fiscalYear: DEMO_FISCAL_YEAR, lang });
      await writeWorkbookFile(
        { sheets: [blank], metadata: { 'sasaeai.plan': plan.id, 'sasaeai.planVersion': plan.version, 'sasaeai.template': 'district-activity', [DEMO_KEY]: 'true' } },
        blankFile,
        { lang, generator: GENERATOR },
      );

      const say = progress(cli.io.stderr, true);
      const written: string[] = [];
      for (const r of DEMO_RETURNS) {
        const file = join(returnsDir, r.file);
        say.update(lang === 'ja' ? `書き出し中 ${r.file}` : `Writing ${r.file}`);
        await writeWorkbookFile(returnWorkbook(plan, r), file, { lang, generator: GENERATOR });
        written.push(file);
      }
      say.done();

      const run = await checkFiles(written, [], { plan, lang, today: DEMO_TODAY, progress: say });
      const ward = rollUp(plan, run, { fiscalYear: DEMO_FISCAL_YEAR, ward: DEMO_WARD, lang });
      const annual = rollUp(plan, run, { fiscalYear: DEMO_FISCAL_YEAR, lang });
      // The sheet the ward council writes its own verification on, prefilled with the compiled figures.
      const verification: WorkbookModel | null =
        ward.report.kind === 'ward-progress' ? { sheets: [verificationSheet(plan, ward.report, lang)] } : null;
      for (const [model, file] of [
        [ward.workbook, wardFile],
        [annual.workbook, annualFile],
        ...(verification ? ([[verification, verificationFile]] as const) : []),
      ] as const)
        await writeWorkbookFile(markDemo(model), file, { lang, generator: GENERATOR });

      cli.io.stdout.write(summary({ plan, lang, dir, run, wardFile, annualFile, verificationFile, blankFile, ward, annual }));
      cli.exit(0);
    });
}

/**
 * The demo's help text: the preset's municipality, the demo ward, the report its council compiles
 * and the body the annual report goes to, all named from the preset plan.
 */
function demoDescription(): string {
  const r = loadPlan(PRESETS[DEMO_PRESET]);
  const plan = r.ok ? r.value : undefined;
  const named = (text: LocalizedText | undefined, code: string): LocalizedText => text ?? { ja: code, en: code };
  const town = named(plan?.municipality.name, DEMO_PRESET);
  const ward = named(plan === undefined ? undefined : getUnit(plan, DEMO_WARD)?.name, DEMO_WARD);
  const report = named(plan === undefined ? undefined : districtFlow(plan)?.report, 'report');
  const to = named(plan === undefined ? undefined : annualRecipient(plan), DEMO_PRESET);
  return (
    // No line breaks within a language: the help wraps to the terminal's width.
    `Write sample district returns of the ${town.en} preset (some with the mistakes staff really make) and a city ` +
    `measure return as .xlsx files, validate them, roll them up into the ${report.en} of ${ward.en} and the annual ` +
    `report to ${to.en}, and say where the files are. Runs as of ${DEMO_TODAY}.\n` +
    `${town.ja}のプリセットでサンプルの報告（誤りを含む）を書き出し、検証・集約して${ward.ja}の${report.ja}と${to.ja}への報告のブックを作ります。`
  );
}

/**
 * The file name of a demo report. In Japanese the files are named from the plan: the ward's from
 * the demo ward's name and the title of what its council compiles from the district returns (the
 * flow's `report`) or of the council's verification; the annual report's from the body the city
 * reports its measures to; each with the fiscal year's label.
 */
function reportName(plan: Plan, kind: 'ward' | 'annual' | 'verification', lang: Lang): string {
  if (lang !== 'ja') {
    const fy = `fy${DEMO_FISCAL_YEAR}`;
    return kind === 'annual' ? `annual-report-${fy}.xlsx` : `${unitSlug(plan, DEMO_WARD)}-${kind === 'ward' ? 'ward-progress' : 'verification'}-${fy}.xlsx`;
  }
  const fy = formatFiscalYear(DEMO_FISCAL_YEAR);
  if (kind === 'annual') {
    return `${annualRecipient(plan).ja.replace(/\s+/g, '_')}への報告_${fy}.xlsx`;
  }
  const flow = districtFlow(plan);
  const title = kind === 'ward' ? flow?.report : flow === undefined ? undefined : getBody(plan, flow.to)?.verification?.name;
  return `${unitName(plan, DEMO_WARD)}_${title?.ja ?? kind}_${fy}.xlsx`;
}

/** A unit's Japanese name in the plan (its code when the plan has no such unit). */
function unitName(plan: Plan, code: string): string {
  return getUnit(plan, code)?.name.ja ?? code;
}

/** A unit's English name in the plan as a file-name part (chuo), or its code when the plan has no such unit. */
function unitSlug(plan: Plan, code: string): string {
  return (getUnit(plan, code)?.name.en ?? code).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || code;
}

/** The body the city reports its measures to (the annual report's), or the plan when no flow says. */
function annualRecipient(plan: Plan): LocalizedText {
  const to = plan.flows.find((f) => f.template === 'city-measure')?.to;
  return (to === undefined ? undefined : getBody(plan, to)?.name) ?? plan.name;
}

/** The flow the demo's district returns travel by (to the ward council, with its report's title). */
function districtFlow(plan: Plan): Plan['flows'][number] | undefined {
  return plan.flows.find((f) => f.template === 'district-activity' && f.report !== undefined);
}

/**
 * Makes sure the demo may write into `dir`: every file already there must be one the demo wrote
 * (or one of the files it is about to write), unless `force`. Removes the demo's own files that
 * this run will not write again, so the folder holds exactly one run.
 */
async function claimFolder(dir: string, planned: string[], force: boolean): Promise<void> {
  const existing = await listFiles(dir);
  const ours: string[] = [];
  const foreign: string[] = [];
  for (const f of existing) {
    const name = f.split(/[\\/]/).pop() ?? '';
    if (name.startsWith('.') && name.endsWith('.tmp')) ours.push(f);
    else if (/\.xlsx$/i.test(f) && (await writtenByDemo(f))) ours.push(f);
    else foreign.push(f);
  }
  if (foreign.length > 0 && !force) {
    usage('demo_folder_in_use', { folder: dir, files: foreign.slice(0, 5).map((f) => relative(dir, f)), more: foreign.length > 5 });
  }
  const keep = new Set(planned.map((p) => join(p)));
  for (const f of ours) if (!keep.has(join(f))) await rm(f, { force: true });
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR')
      usage('demo_folder_is_file', { folder: dir });
    throw e;
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

async function writtenByDemo(file: string): Promise<boolean> {
  const read = await readWorkbook(file, { mode: 'full' });
  return read.ok && read.metadata.workbook[DEMO_KEY] === 'true';
}

function markDemo(model: WorkbookModel): WorkbookModel {
  return { ...model, metadata: { ...model.metadata, [DEMO_KEY]: 'true' } };
}

/** A demo return as a workbook: the headers staff typed, the rows as they typed them. */
function returnWorkbook(plan: Plan, r: DemoReturn): WorkbookModel {
  const template = getTemplate(plan, r.templateId)!;
  const columns: SheetColumn[] = r.headers.map((h, j) => {
    const f = template.fields[j];
    const kind: SheetColumn['kind'] =
      f?.type === 'integer' ? 'integer' : f?.type === 'number' ? 'number' : f?.type === 'date' ? 'date' : 'text';
    return {
      key: f?.key ?? `c${j + 1}`,
      header: { ja: h, en: h },
      kind,
      ...(f?.type === 'fiscalYear' ? { numberFormat: '0' } : f?.numberFormat ? { numberFormat: f.numberFormat } : {}),
      ...(f?.width ? { width: f.width } : {}),
    };
  });
  const sheet: SheetModel = {
    id: 'return',
    name: { ja: r.sheet, en: r.sheet },
    columns,
    rows: r.rows,
    freezeHeader: true,
    metadata: { 'sasaeai.template': r.templateId },
  };
  return { sheets: [sheet], metadata: { 'sasaeai.plan': plan.id, 'sasaeai.planVersion': plan.version, [DEMO_KEY]: 'true' } };
}

function summary(o: {
  plan: Plan;
  lang: Lang;
  dir: string;
  run: CheckRun;
  wardFile: string;
  annualFile: string;
  verificationFile: string;
  blankFile: string;
  ward: ReturnType<typeof rollUp>;
  annual: ReturnType<typeof rollUp>;
}): string {
  const ja = o.lang === 'ja';
  const s = o.run.summary;
  const shown = (p: string) => displayPath(p);
  const out: string[] = [];
  const districtReturns = DEMO_RETURNS.filter((r) => r.templateId === 'district-activity').length;
  // The bodies' names come from the plan: who sends the district returns.
  const flow = districtFlow(o.plan);
  const sender = (flow === undefined ? undefined : getBody(o.plan, flow.from)?.name.ja) ?? 'district-activity';
  out.push(
    ja
      ? `デモ：${o.ward.report.fiscalYearLabel.ja}（${DEMO_TODAY} 時点）の報告を${o.plan.municipality.name.ja}のプリセットで検証・集約しました。`
      : `Demo: returns for ${o.ward.report.fiscalYearLabel.en}, as of ${DEMO_TODAY}, validated and rolled up with the ${o.plan.municipality.name.en} preset.`,
  );
  out.push('');
  out.push(
    ja
      ? `1. 報告を書き出しました：${sender}の報告 ${districtReturns} 件、市の施策の報告 1 件 → ${shown(join(o.dir, 'returns'))}/`
      : `1. Returns written: ${districtReturns} district returns and 1 city-measure return → ${shown(join(o.dir, 'returns'))}/`,
  );
  out.push(
    ja
      ? `2. 検証：データ ${s.rowsRead} 行 — エラー ${s.errors} 件、警告 ${s.warnings} 件（職員がよくする誤りをわざと入れてあります）`
      : `2. Validated: ${s.rowsRead} data rows — ${s.errors} errors, ${s.warnings} warnings (mistakes staff really make, on purpose)`,
  );
  const errors = o.run.files.flatMap((f) => f.issues.filter((i) => i.severity === 'error'));
  for (const i of errors.slice(0, 6))
    out.push(`     ${(i.source ?? '').split('/').pop()} ${i.cell ?? ''}  ${i.message[o.lang]}`);
  if (errors.length > 6) out.push(ja ? `     … ほか ${errors.length - 6} 件` : `     … ${errors.length - 6} more`);
  const w = o.ward.report;
  if (w.kind === 'ward-progress') {
    const c = w.completeness;
    out.push(
      ja
        ? `3. 集約：${w.title.ja}（報告のあった${w.senderLabel.ja} ${c.received}/${c.expected}、エラーのある行は除外）\n     → ${shown(o.wardFile)}`
        : `3. Rolled up: ${w.title.en} (${c.received}/${c.expected} district chapters reported; rows with errors left out)\n     → ${shown(o.wardFile)}`,
    );
  }
  out.push(ja ? `   ${o.annual.report.title.ja}\n     → ${shown(o.annualFile)}` : `   ${o.annual.report.title.en}\n     → ${shown(o.annualFile)}`);
  // Written only for a ward progress (see above), with the council's name from the plan.
  if (w.kind === 'ward-progress')
    out.push(
      ja
        ? `   ${w.council.ja}が記入する検証シート（集約した数値・報告の成果と課題の横に評価欄）\n     → ${shown(o.verificationFile)}`
        : `   The council's verification sheet (compiled figures and the returns' outcomes and issues beside its own columns)\n     → ${shown(o.verificationFile)}`,
    );
  out.push(
    ja
      ? `4. 記入用の報告様式（入力規則・入力時メッセージ付き）：\n     → ${shown(o.blankFile)}`
      : `4. A blank return to fill in (dropdowns, input prompts):\n     → ${shown(o.blankFile)}`,
  );
  out.push('');
  const rel = shown(join(o.dir, 'returns'));
  out.push(ja ? '次に試すこと：' : 'Try next:');
  // The demo's returns are dated up to its "today"; checks of future dates need the same day.
  out.push(`   pnpm sasaeai validate ${rel} --today ${DEMO_TODAY}${ja ? '' : ' --lang en'}`);
  out.push(`   pnpm sasaeai validate ${rel} --today ${DEMO_TODAY} --format json`);
  const ward = unitName(o.plan, DEMO_WARD);
  const district = unitName(o.plan, DEMO_DISTRICT);
  out.push(`   pnpm sasaeai template --ward ${ward} --district ${district} --fiscal-year ${DEMO_FISCAL_YEAR} -o ${district}_報告様式.xlsx`);
  return out.join('\n') + '\n';
}
