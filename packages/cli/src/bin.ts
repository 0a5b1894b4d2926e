#!/usr/bin/env node
/**
 * The `sasaeai` command. See docs/cli.md.
 */
import { main } from './main.js';

// If the run ever ended without finishing (a reader waiting for data that never comes, with
// nothing left to do), Node would exit quietly with 0. Assume failure until main says otherwise.
let finished = false;
process.exitCode = 3;
process.on('exit', () => {
  if (!finished) process.stderr.write('internal error: the run ended before it finished (内部エラー：処理が途中で終わりました)\n');
});

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    finished = true;
    process.exitCode = code;
  },
  (e: unknown) => {
    finished = true;
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
