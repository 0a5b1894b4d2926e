// Checks that built JavaScript holds no syntax newer than its declared target, so that an older
// Office webview (Excel for Mac before Safari 16.4's WebKit, older Windows builds) can parse it:
// one unparseable construct and the whole task pane or functions script fails to load.
//
//   node scripts/check-syntax.mjs [dir=ecmaVersion ...]
//   default: dist=2020 (the add-in: webpack target es2020, tsconfig.build.json ES2020) and
//            ../packages/core/dist=2022 (core's tsup target es2022), when built
//
// Two checks per file: acorn parses it at the target's ecmaVersion, and no regular expression in
// it (literal or RegExp source text) uses lookbehind — ES2018 syntax that acorn accepts at 2020
// but WebKit before Safari 16.4 rejects.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';

const here = path.dirname(fileURLToPath(import.meta.url));
const addin = path.resolve(here, '..');

/** Problems in one JavaScript source (empty when it fits the target). */
export function checkSource(code, ecmaVersion, file = '<source>') {
  const problems = [];
  const sourceType = /\.mjs$/.test(file) || /^\s*(import|export)\s/m.test(code) ? 'module' : 'script';
  try {
    parse(code, { ecmaVersion, sourceType, allowHashBang: true });
  } catch (e) {
    problems.push(`${file}: not ES${ecmaVersion} (${e.message})`);
  }
  // `(?<=` and `(?<!` open a lookbehind in any regular expression; in the bundle they appear as
  // they were written, in a literal or in the string given to RegExp.
  const re = /\(\?<[=!]/g;
  let m;
  while ((m = re.exec(code)) !== null) {
    const line = code.slice(0, m.index).split('\n').length;
    problems.push(`${file}:${line}: regular-expression lookbehind (not parsed by WebKit before Safari 16.4)`);
  }
  return problems;
}

function jsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (/\.(c|m)?js$/.test(name)) out.push(p);
  }
  return out;
}

/** Checks every script under `dir` at `ecmaVersion`; returns the problems. */
export function checkDir(dir, ecmaVersion) {
  return jsFiles(dir).flatMap((f) => checkSource(readFileSync(f, 'utf8'), ecmaVersion, path.relative(process.cwd(), f)));
}

function main(argv) {
  const targets = argv.length
    ? argv.map((a) => {
        const [dir, v] = a.split('=');
        return { dir: path.resolve(dir), ecmaVersion: Number(v), required: true };
      })
    : [
        { dir: path.join(addin, 'dist'), ecmaVersion: 2020, required: true },
        { dir: path.resolve(addin, '../packages/core/dist'), ecmaVersion: 2022, required: false },
      ];
  let problems = [];
  for (const t of targets) {
    if (!existsSync(t.dir)) {
      if (t.required) problems.push(`${t.dir}: missing (build it first)`);
      else console.log(`check-syntax: ${path.relative(process.cwd(), t.dir)} not built, skipped`);
      continue;
    }
    const found = checkDir(t.dir, t.ecmaVersion);
    console.log(`check-syntax: ${path.relative(process.cwd(), t.dir)} at ES${t.ecmaVersion}: ${found.length === 0 ? 'ok' : `${found.length} problem(s)`}`);
    problems = problems.concat(found);
  }
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
