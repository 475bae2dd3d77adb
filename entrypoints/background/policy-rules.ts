import type { BulkRunRequest, StartBulkRunResult } from "@/utils/messages";
import type { BackgroundDeps } from "./deps";

// What the organisation's policy (utils/policy.ts) asks of the background beyond the settings it
// merges: features it switches off, and where tokens may be kept.

/** Starts a bulk run unless the policy switched bulk runs off. */
export async function startBulkRunUnderPolicy(
  deps: Pick<BackgroundDeps, "readPolicy">,
  start: (request: BulkRunRequest) => Promise<StartBulkRunResult>,
  request: BulkRunRequest,
): Promise<StartBulkRunResult> {
  const { policy } = await deps.readPolicy();
  if (!policy.bulkEnabled) return { ok: false, reason: "disabled-by-policy" };
  return start(request);
}

/**
 * With rememberTokens "never" no token may stay on disk: every remembered one moves to
 * storage.session (gone when the browser closes). Runs at start and when the policy changes, so a
 * token remembered before IT set the rule does not linger.
 */
export async function keepTokensForSessionOnly(deps: BackgroundDeps): Promise<void> {
  const { policy } = await deps.readPolicy();
  if (policy.rememberTokens !== "never") return;
  const { remembered } = await deps.readTokens();
  for (const id of Object.keys(remembered)) await deps.moveToken(id, true, false);
}
