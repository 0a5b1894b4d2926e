/**
 * Keeps the documentation honest: every relative link resolves, every generated page is up to
 * date, and every code sample marked `run` runs — with its output compared when the page shows it.
 *
 * In a page, a fenced block whose info string is `ts run` or `sh run` is executed; a block right
 * after it with the info string `text output` must equal what it printed (trailing spaces
 * ignored). TypeScript samples run with tsx against the workspace sources; shell samples run with
 * bash from the repository root, with `$DOCS_TMP` pointing at a scratch folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedPages } from './pages.js';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(docsDir, '..');
let passed = 0;
const failures: string[] = [];
const ok = () => passed++;
const fail = (what: string) => failures.push(what);

function markdownFiles(): string[] {
  const out: string[] = [join(root, 'README.md')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'api') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(docsDir);
  for (const base of ['packages', 'examples', 'addin']) {
    const dir = join(root, base);
    if (!existsSync(dir)) continue;
    if (base === 'addin') {
      if (existsSync(join(dir, 'README.md'))) out.push(join(dir, 'README.md'));
      continue;
    }
    for (const name of readdirSync(dir)) {
      const p = join(dir, name, 'README.md');
      if (existsSync(p)) out.push(p);
    }
  }
  return out;
}

// GitHub's heading anchors: lower-case, spaces to dashes, most punctuation dropped.
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));
}

function checkLinks(file: string): void {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const m of text.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^(https?:|mailto:)/.test(target)) continue;
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const dest = path === '' ? file : resolve(dirname(file), decodeURI(path));
    const where = `${relative(root, file)}: link ${target}`;
    if (!existsSync(dest)) {
      fail(`${where} → ${relative(root, dest)} does not exist`);
      continue;
    }
    if (anchor && dest.endsWith('.md') && !anchors(dest).has(anchor)) {
      fail(`${where} → no heading #${anchor} in ${relative(root, dest)}`);
      continue;
    }
    ok();
  }
}

interface Sample {
  lang: string;
  code: string;
  output?: string;
  line: number;
}

function samples(file: string): Sample[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s+run\b/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && lines[j] !== '```') j++;
    const sample: Sample = { lang: open[1]!, code: lines.slice(start, j).join('\n'), line: i + 1 };
    // An output block may follow after blank lines or one line of prose.
    let k = j + 1;
    while (k < lines.length && k <= j + 3 && !/^```text output/.test(lines[k]!)) k++;
    if (k < lines.length && /^```text output/.test(lines[k]!)) {
      let e = k + 1;
      while (e < lines.length && lines[e] !== '```') e++;
      sample.output = lines.slice(k + 1, e).join('\n');
    }
    out.push(sample);
    i = j;
  }
  return out;
}

const clean = (s: string) =>
  s
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();

function runSample(file: string, s: Sample, scratch: string, n: number): void {
  const where = `${relative(root, file)}:${s.line}`;
  let stdout: string;
  try {
    if (s.lang === 'ts') {
      const f = join(docsDir, '.tmp', `sample-${n}.ts`);
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, s.code + '\n');
      stdout = execFileSync('node', ['--conditions=@sasaeai/source', '--import', 'tsx', f], {
        cwd: join(docsDir, '.tmp'),
        encoding: 'utf8',
        env: { ...process.env, DOCS_TMP: scratch, FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } else if (s.lang === 'sh') {
      stdout = execFileSync('bash', ['-euo', 'pipefail', '-c', s.code], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DOCS_TMP: scratch, FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } else {
      fail(`${where}: cannot run a ${s.lang} sample`);
      return;
    }
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    fail(`${where}: sample failed\n${err.stderr || err.stdout || err.message}`);
    return;
  }
  if (s.output !== undefined && clean(stdout) !== clean(s.output)) {
    fail(`${where}: output differs\n--- page shows\n${clean(s.output)}\n--- sample printed\n${clean(stdout)}`);
    return;
  }
  ok();
}

// 1. Generated pages are up to date.
for (const [path, content] of Object.entries(generatedPages())) {
  const file = join(root, path);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== content)
    fail(`${path} is out of date: run "pnpm --filter docs generate"`);
  else ok();
}

// 2. Links, 3. samples.
const scratch = mkdtempSync(join(tmpdir(), 'sasaeai-docs-'));
let n = 0;
try {
  for (const file of markdownFiles()) {
    checkLinks(file);
    for (const s of samples(file)) runSample(file, s, scratch, n++);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(join(docsDir, '.tmp'), { recursive: true, force: true });
}

for (const f of failures) process.stderr.write(`✗ ${f}\n`);
process.stdout.write(`docs: ${passed} passed, ${failures.length} failed\n`);
process.exitCode = failures.length > 0 ? 1 : 0;
