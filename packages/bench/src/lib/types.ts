/** One line of the benchmark: our time against a peer's, on the same data in the same run. */
export interface CaseResult {
  name: string;
  rows: number;
  /** Median milliseconds of Sasaeai. */
  ms: number;
  peer: { name: string; ms: number };
  /** ms / peer.ms: below 1 means Sasaeai is faster. */
  ratio: number;
  /** The floor this case is held to, e.g. `ratio <= 3`. */
  floor?: string;
  holds?: boolean;
  /** Rows per second of Sasaeai (and of the peer). */
  rowsPerSecond?: number;
  peerRowsPerSecond?: number;
  /** Anything else measured: counts, bytes, memory. */
  metrics?: Record<string, unknown>;
  note?: string;
  /** One line for the table: the figures that are not times (syncs, bytes, memory). */
  detail?: string;
}

export interface Skipped {
  name: string;
  skipped: string;
}
