import type { MetricResult, MetricUnit } from "./metric";

/** A metric that threw: the run is broken, not over budget. */
export interface MetricCrash {
  name: string;
  error: string;
}

/** A row of the report. */
export type ReportRow = MetricResult | MetricCrash;

function isCrash(row: ReportRow): row is MetricCrash {
  return "error" in row;
}

/** Shows a value in its unit: bytes as KB (and bytes), ratios with an x, durations in ms. */
export function formatValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case "bytes":
      return `${(value / 1024).toFixed(2)} KB (${Math.round(value)} B)`;
    case "ratio":
      return `${value.toFixed(2)}x`;
    case "ms":
      return `${value.toFixed(2)} ms`;
  }
}

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const [header = [], ...body] = rows;
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(line)].join("\n");
}

/** The printed report: the table, each metric's details, and which budgets were missed. */
export function formatReport(rows: ReportRow[], elapsedMs: number): string {
  const cells = rows.map((row) =>
    isCrash(row)
      ? [row.name, "-", "-", "CRASHED"]
      : [
          row.name,
          formatValue(row.value, row.unit),
          `≤ ${formatValue(row.budget, row.unit)}`,
          row.pass ? "pass" : "FAIL (over budget)",
        ],
  );
  const out = [table([["metric", "measured", "budget", "result"], ...cells]), ""];
  for (const row of rows) {
    out.push(`${row.name}:`);
    if (isCrash(row)) out.push(`  crashed: ${row.error}`);
    else for (const detail of row.details ?? []) out.push(`  ${detail}`);
  }
  out.push("");
  const missed = rows.filter((row): row is MetricResult => !isCrash(row) && !row.pass);
  const crashed = rows.filter(isCrash);
  if (missed.length > 0) {
    out.push(`Budgets missed (${missed.length}): ${missed.map((row) => row.name).join("; ")}`);
  }
  if (crashed.length > 0)
    out.push(`Crashed (${crashed.length}): ${crashed.map((row) => row.name).join("; ")}`);
  if (missed.length === 0 && crashed.length === 0) out.push("All budgets met.");
  out.push(`Benchmark took ${(elapsedMs / 1000).toFixed(1)} s.`);
  return out.join("\n");
}
