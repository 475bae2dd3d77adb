import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import config from "../../wxt.config";
import { loadCatalog } from "../support/catalog";

const ROOT = join(import.meta.dirname, "../..");
const LOCALES = readdirSync(join(ROOT, "public/_locales"));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** The text under "## Long description" in a listing file. */
function longDescription(markdown: string): string {
  return (
    markdown
      .split(/^## Long description$/mu)[1]
      ?.split(/^## /mu)[0]
      ?.trim() ?? ""
  );
}

// The store forms are filled from store/; these are the limits and promises a reviewer checks.
describe.each(LOCALES)("the %s store listing", (locale) => {
  const catalog = loadCatalog(locale);

  it("has a short description (the manifest's) of at most 132 characters", () => {
    const short = catalog.extensionDescription?.message ?? "";
    expect(short.length).toBeGreaterThan(20);
    expect(short.length).toBeLessThanOrEqual(132);
  });

  it("has a name within addons.mozilla.org's 50 characters (the Chrome Web Store allows 75)", () => {
    expect((catalog.extensionName?.message ?? "").length).toBeLessThanOrEqual(50);
  });

  it("has a long description within the Chrome Web Store's 16,000 characters", () => {
    const long = longDescription(read(`store/listing/${locale}.md`));
    expect(long.length).toBeGreaterThan(400);
    expect(long.length).toBeLessThanOrEqual(16_000);
  });
});

describe("the permission justifications (store/privacy-practices.md)", () => {
  it("explain every permission and host the store manifest asks for", async () => {
    if (typeof config.manifest !== "function") throw new Error("manifest is no longer a function");
    const manifest = await config.manifest({
      browser: "chrome",
      mode: "production",
      command: "build",
      manifestVersion: 3,
    });
    const asked = [
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
    ].map(String);
    const explained = [...read("store/privacy-practices.md").matchAll(/^- `([^`]+)`/gmu)].map((m) => m[1]);
    expect(explained.sort()).toEqual(asked.sort());
  });

  it("are matched by the privacy policy, which names every Placewise host", () => {
    const policy = read("PRIVACY.md");
    for (const host of ["api.mpc.placewise.com", "api.mpc.apac.placewise.com", "api.mpc.dev.placewise.com"]) {
      expect(policy).toContain(host);
    }
    expect(policy).toMatch(/no analytics/iu);
  });
});
