import type { BackgroundDeps } from "./deps";
import { tokenFor } from "./token-store";

/**
 * After a browser start or an extension update storage.session is empty: connections whose token
 * was kept for the session only have none now. Also applies the send log's age cap, which
 * otherwise runs only when something is sent.
 */
export async function onBrowserStart(deps: BackgroundDeps): Promise<void> {
  const tokens = await deps.readTokens();
  const { before } = await deps.updateSettings((settings) => {
    const connections = settings.connections.map((c) =>
      !c.rememberToken && c.hasToken && tokenFor(tokens, c.id, false) === null
        ? { ...c, hasToken: false }
        : c,
    );
    return connections.some((c, i) => c !== settings.connections[i]) ? { ...settings, connections } : null;
  });
  // The preferences this change did not touch; also right when the write was refused.
  await deps.sendLog.prune(before.preferences, deps.now());
}
