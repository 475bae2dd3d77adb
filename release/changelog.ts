/**
 * The release's bookkeeping, pure so it is tested: a version Chrome and Firefox accept that is
 * newer than the last, and the CHANGELOG's "Unreleased" section turned into that version's entry.
 */

/** 1 to 4 dot-separated integers, as Chrome's manifest "version" takes (no "-beta"). */
const VERSION = /^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){0,3}$/u;

/** Whether `next` is a manifest version newer than `current`. */
export function isNewerVersion(current: string, next: string): boolean {
  if (!VERSION.test(next) || !VERSION.test(current)) return false;
  const a = current.split(".").map(Number);
  const b = next.split(".").map(Number);
  for (let i = 0; i < 4; i++) {
    const diff = (b[i] ?? 0) - (a[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return false;
}

/** The heading the next release's notes gather under. */
export const UNRELEASED_HEADING = "## Unreleased";

/**
 * Renames CHANGELOG.md's "## Unreleased" to "## <version> — <date>". A release without notes is
 * refused: desks and IT read the changelog to know what changed.
 */
export function promoteUnreleased(
  changelog: string,
  version: string,
  date: string,
): { ok: true; changelog: string } | { ok: false; reason: string } {
  const lines = changelog.split("\n");
  const at = lines.findIndex((line) => line.trim() === UNRELEASED_HEADING);
  if (at === -1) return { ok: false, reason: `CHANGELOG.md has no "${UNRELEASED_HEADING}" section.` };
  const next = lines.findIndex((line, i) => i > at && line.startsWith("## "));
  const notes = lines.slice(at + 1, next === -1 ? undefined : next).filter((line) => line.trim() !== "");
  if (notes.length === 0) return { ok: false, reason: `"${UNRELEASED_HEADING}" in CHANGELOG.md is empty.` };
  if (lines.some((line) => line.startsWith(`## ${version} `))) {
    return { ok: false, reason: `CHANGELOG.md already has an entry for ${version}.` };
  }
  lines[at] = `## ${version} — ${date}`;
  return { ok: true, changelog: lines.join("\n") };
}
