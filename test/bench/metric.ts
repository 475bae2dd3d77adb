import type { BenchSession } from "./session";

/** How a value is shown: bytes as KB, a ratio as "1.23x", a duration in ms. */
export type MetricUnit = "bytes" | "ratio" | "ms";

/** One row of the report. Every metric returns this shape, so a new metric is one more row. */
export interface MetricResult {
  name: string;
  value: number;
  unit: MetricUnit;
  /** The largest value that is within budget. */
  budget: number;
  pass: boolean;
  /** Lines printed under the table: what was measured side by side, breakdowns. */
  details?: string[];
}

/** A benchmark: a name for the report and a run against the shared browser session. */
export interface BenchMetric {
  name: string;
  run(session: BenchSession): Promise<MetricResult>;
}

/** Builds a result whose budget is an upper bound (smaller is better, as for every metric so far). */
export function atMost(fields: Omit<MetricResult, "pass" | "details">, details: string[] = []): MetricResult {
  return { ...fields, pass: fields.value <= fields.budget, details };
}
