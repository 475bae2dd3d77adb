import { needsHostPermission } from "@/utils/environments";
import type { StoredSettings } from "@/utils/settings";
import { originPatternFor } from "@/utils/validation/connection";
import type { BackgroundDeps } from "./deps";

/** The optional host permissions the settings' connections need (the manifest grants the rest). */
function optionalOriginsOf(settings: StoredSettings): Set<string> {
  return new Set(
    settings.connections
      .map((c) => c.baseUrl)
      .filter(needsHostPermission)
      .map(originPatternFor),
  );
}

/**
 * Gives back each optional host permission a connection used before a settings change and none
 * uses after it, so access to a custom host ends with its last connection. A refusal is logged
 * only: the change is already stored, and a permission left behind costs nothing but access.
 */
export async function releaseUnusedHostPermissions(
  deps: Pick<BackgroundDeps, "removeHostPermission">,
  before: StoredSettings,
  after: StoredSettings,
): Promise<void> {
  const stillUsed = optionalOriginsOf(after);
  for (const pattern of optionalOriginsOf(before)) {
    if (stillUsed.has(pattern)) continue;
    try {
      await deps.removeHostPermission(pattern);
    } catch (error) {
      console.warn(`Could not remove the host permission ${pattern}`, error);
    }
  }
}
