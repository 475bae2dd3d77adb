import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// biome.json's boundary names what may import the API client and the token store (the background),
// not the pages that may not: a page or module added tomorrow is refused without anyone editing a
// list. This runs the real linter on throwaway files placed where new code would go.

const ROOT = resolve(import.meta.dirname, "../..");
const PROBE = `.boundary-probe-${process.pid}`;

const PROBES = {
  "a new page importing the client": {
    path: `entrypoints/${PROBE}/main.ts`,
    source: `import { createPlacewiseClient } from "@/entrypoints/background/api/client";\nexport const x = createPlacewiseClient;\n`,
  },
  "a new page importing the client by a relative path": {
    path: `entrypoints/${PROBE}/relative.ts`,
    source: `import { buildSendUrl } from "../background/api/request";\nexport const x = buildSendUrl;\n`,
  },
  "a new shared module importing the token store": {
    path: `utils/${PROBE}/tokens.ts`,
    source: `import { readToken } from "../../entrypoints/background/token-store";\nexport const x = readToken;\n`,
  },
  "a new background job importing the client": {
    path: `entrypoints/background/${PROBE}/job.ts`,
    source: `import { createPlacewiseClient } from "../api/client";\nexport const x = createPlacewiseClient;\n`,
  },
};

let refused: Set<string>;

beforeAll(() => {
  for (const { path, source } of Object.values(PROBES)) {
    mkdirSync(join(ROOT, path, ".."), { recursive: true });
    writeFileSync(join(ROOT, path), source);
  }
  const run = spawnSync(
    join(ROOT, "node_modules/.bin/biome"),
    [
      "lint",
      "--only=style/noRestrictedImports",
      "--reporter=json",
      ...Object.values(PROBES).map((p) => p.path),
    ],
    // Biome exits 1 when it finds something; the report is on stdout either way.
    { cwd: ROOT, encoding: "utf8" },
  );
  refused = readRefused(run.stdout);
}, 30_000);

afterAll(() => {
  for (const dir of ["entrypoints", "utils", "entrypoints/background"])
    rmSync(join(ROOT, dir, PROBE), { recursive: true, force: true });
});

function readRefused(json: string): Set<string> {
  const report = JSON.parse(json) as { diagnostics: Array<{ category: string; location: { path: string } }> };
  return new Set(
    report.diagnostics
      .filter((d) => d.category === "lint/style/noRestrictedImports")
      .map((d) => d.location.path),
  );
}

describe("the background boundary (biome.json)", () => {
  it.each([
    ["a new page importing the client", true],
    ["a new page importing the client by a relative path", true],
    ["a new shared module importing the token store", true],
    ["a new background job importing the client", false],
  ] as const)("%s: refused %s", (name, expected) => {
    expect(refused.has(PROBES[name].path)).toBe(expected);
  });
});
