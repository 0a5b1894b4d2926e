/**
 * Progress of long work (files read, rows checked) on one line of stderr — only on a terminal,
 * never in JSON mode or when output goes to a file or a pipe, so logs and CI stay clean.
 */

/** Something to report progress to. */
export interface Progress {
  update(line: string): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

/**
 * A progress line on `stream` when it is a terminal and `enabled` holds; otherwise silent.
 *
 * @example
 * ```ts
 * const p = progress(process.stderr, format !== 'json');
 * p.update('3/10 files · 12,000 rows');
 * p.done();
 * ```
 */
export function progress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(line) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = (stream.columns ?? 80) - 1;
      stream.write(`\r\x1b[2K${line.slice(0, width)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
