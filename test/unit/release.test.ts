import { describe, expect, it } from "vitest";
import { isNewerVersion, promoteUnreleased } from "../../release/changelog";

describe("a release version", () => {
  it.each([
    ["0.2.0", "0.3.0", true],
    ["0.2.0", "0.2.1", true],
    ["0.2.0", "1.0", true],
    ["0.2.0", "0.2.0.1", true],
    ["0.2.0", "0.2.0", false],
    ["0.2.0", "0.1.9", false],
    ["0.2.0", "0.3.0-beta", false],
    ["0.2.0", "v0.3.0", false],
    ["0.2.0", "0.03.0", false],
    ["0.2.0", "1.2.3.4.5", false],
  ])("after %s, %s is %s", (current, next, newer) => {
    expect(isNewerVersion(current, next)).toBe(newer);
  });
});

const CHANGELOG = [
  "# Changelog",
  "",
  "## Unreleased",
  "",
  "- A thing.",
  "",
  "## 0.2.0 — 2026-11-27",
  "- Old.",
].join("\n");

describe("the CHANGELOG entry of a release", () => {
  it("is the Unreleased notes under the version and date", () => {
    expect(promoteUnreleased(CHANGELOG, "0.3.0", "2026-12-01")).toEqual({
      ok: true,
      changelog: CHANGELOG.replace("## Unreleased", "## 0.3.0 — 2026-12-01"),
    });
  });

  it.each([
    ["no Unreleased section", CHANGELOG.replace("## Unreleased", "## Soon"), "0.3.0", /no "## Unreleased"/u],
    ["empty notes", CHANGELOG.replace("- A thing.", ""), "0.3.0", /is empty/u],
    ["a version already released", CHANGELOG, "0.2.0", /already has an entry for 0\.2\.0/u],
  ])("is refused with %s", (_name, changelog, version, reason) => {
    const result = promoteUnreleased(changelog, version, "2026-12-01");
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });
});
