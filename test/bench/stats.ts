/** The median of a non-empty list; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** "median 12.3 ms (min 10.1, max 20.4, n 20)", for the report's detail lines. */
export function describeSamples(values: readonly number[], unit = "ms"): string {
  const fixed = (value: number) => value.toFixed(1);
  return `median ${fixed(median(values))} ${unit} (min ${fixed(Math.min(...values))}, max ${fixed(Math.max(...values))}, n ${values.length})`;
}
