/** papaparse, loaded on first use so no page loads it up front (the one loader for every page). */
export async function loadPapa(): Promise<typeof import("papaparse")> {
  const papa = (await import("papaparse")) as typeof import("papaparse") & {
    default?: typeof import("papaparse");
  };
  // papaparse is CommonJS: depending on the bundler its functions sit on the namespace or its default.
  return papa.default ?? papa;
}
