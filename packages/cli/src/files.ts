/**
 * Files in and out: which workbooks a list of files and folders names, how a path is shown, and
 * the rules for writing — never over an input, never over an existing file without `--force`.
 */
import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { lt, usage } from './messages.js';

/**
 * Extensions picked up inside folders. `.xls` and `.ods` are included so that they are reported,
 * not ignored; `.csv` returns are read.
 */
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.ods', '.csv']);

/** What a list of paths expands to. */
export interface Inputs {
  /** Workbook files, in a stable order: as given, folders expanded in code-point order. */
  files: string[];
  /** Paths that do not exist (reported as unreadable files, not fatal to the others). */
  missing: string[];
}

/**
 * Expands files and folders into workbook files. Folders are searched recursively for .xlsx,
 * .xlsm, .xls, .ods and .csv files, skipping hidden folders. Excel's lock files (`~$…`) are listed
 * like the others, so that reading notes them rather than passing over them in silence.
 *
 * @example
 * ```ts
 * const { files } = await collectInputs(['returns/', 'extra.xlsx']);
 * ```
 */
export async function collectInputs(paths: string[]): Promise<Inputs> {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = resolve(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) {
      const found = await walk(p);
      if (found.length === 0)
        usage(
          lt(
            `フォルダ「${p}」に Excel ブック（.xlsx）がありません。`,
            `The folder "${p}" holds no Excel workbook (.xlsx).`,
          ),
        );
      found.forEach(add);
    } else add(p);
  }
  return { files, missing };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() && WORKBOOK_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

/**
 * How a path is shown and recorded as `source`: relative to the working directory when inside
 * it, with forward slashes; absolute otherwise.
 *
 * @example
 * ```ts
 * displayPath('/home/me/returns/a.xlsx', '/home/me'); // 'returns/a.xlsx'
 * ```
 */
export function displayPath(p: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, p);
  const rel = relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

/**
 * Checks that a file may be written: it must not be one of the inputs (not even with `--force`,
 * and not through a link), and an existing file needs `--force`. Creates the folder if needed.
 * Throws a usage error (exit code 2) otherwise.
 *
 * @example
 * ```ts
 * await checkOutput('report.xlsx', { force: false, inputs: ['returns/a.xlsx'] });
 * ```
 */
export async function checkOutput(out: string, opts: { force: boolean; inputs: readonly string[] }): Promise<void> {
  const target = await identity(out);
  if (target) {
    for (const input of opts.inputs) {
      const id = await identity(input);
      if (id && (id.real === target.real || (id.dev === target.dev && id.ino === target.ino)))
        usage(
          lt(
            `出力先「${out}」は入力ファイルです。入力ファイルは上書きしません（--force でも同じです）。別の名前を指定してください。`,
            `The output "${out}" is one of the input files. Input files are never overwritten (not even with --force); choose another name.`,
          ),
        );
    }
    if (target.isDirectory)
      usage(lt(`出力先「${out}」はフォルダです。ファイル名を指定してください。`, `The output "${out}" is a folder; give a file name.`));
    if (!opts.force)
      usage(
        lt(
          `出力先「${out}」はすでにあります。上書きするには --force を付けてください。`,
          `The output "${out}" already exists. Add --force to overwrite it.`,
        ),
      );
  }
  await mkdir(resolve(out, '..'), { recursive: true });
}

async function identity(p: string): Promise<{ real: string; dev: number; ino: number; isDirectory: boolean } | null> {
  try {
    const st = await stat(p);
    return { real: await realpath(p), dev: st.dev, ino: st.ino, isDirectory: st.isDirectory() };
  } catch {
    return null;
  }
}
