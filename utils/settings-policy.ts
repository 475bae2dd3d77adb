import type { Policy } from "./policy";
import type { Connection, StoredSettings } from "./settings-schema";

// How the organisation's policy and the operator's settings combine. Nothing of the policy is
// ever written to storage.local as if the operator had chosen it: storage.managed owns the
// policy, storage.local the operator's settings, and every reader (background and pages) merges
// the two when it reads. So a policy change or removal applies at once, in every page, without
// the background having to copy anything first (values can arrive late after a browser start).

/**
 * The settings in effect: the policy's connections (fields from the policy; the operator's token
 * state and what Placewise told us about the club from storage), then the operator's own ones the
 * policy allows, and the operator's preferences with the policy's values over them.
 */
export function applyPolicy(stored: StoredSettings, policy: Policy): StoredSettings {
  const fromPolicy = (policy.connections ?? []).map((p): Connection => {
    const saved = stored.connections.find((c) => c.id === p.id);
    // What Placewise said about another club no longer describes this one.
    const sameClub = saved?.clubSlug === p.clubSlug && saved.baseUrl === p.baseUrl;
    return {
      ...p,
      fromPolicy: true,
      rememberToken: policy.rememberTokens === "never" ? false : (saved?.rememberToken ?? true),
      hasToken: saved?.hasToken ?? false,
      memberIdentifiers: sameClub ? saved.memberIdentifiers : [],
      country: sameClub ? saved.country : "",
    };
  });
  const own = stored.connections
    .filter((c) => c.fromPolicy !== true && !fromPolicy.some((p) => p.id === c.id))
    .filter((c) => isOwnConnectionAllowed(c, policy))
    .map((c) => (policy.rememberTokens === "never" ? { ...c, rememberToken: false } : c));
  const connections = [...fromPolicy, ...own];
  const active = connections.find((c) => c.id === stored.activeConnectionId) ?? connections[0] ?? null;
  return {
    connections,
    activeConnectionId: active?.id ?? null,
    preferences: { ...stored.preferences, ...policy.preferences },
  };
}

/**
 * Whether an operator's own connection stays in use. Locked, the connections are exactly the
 * policy's; without custom base URLs, the operator's custom ones are set aside. Either way they
 * stay stored and come back when IT lifts the rule.
 */
function isOwnConnectionAllowed(connection: Connection, policy: Policy): boolean {
  if (policy.lockConnections) return false;
  return policy.allowCustomBaseUrl || connection.environment !== "custom";
}

/**
 * What to store after a change made on the settings in effect: the operator's part of it. The
 * connections the policy set aside stay as stored, preferences the policy fixes keep the
 * operator's own value, and the active id stays the stored one unless the change chose another.
 */
export function storedAfterChange(
  stored: StoredSettings,
  before: StoredSettings,
  after: StoredSettings,
  policy: Policy,
): StoredSettings {
  const shown = new Set(before.connections.map((c) => c.id));
  const setAside = stored.connections.filter((c) => !shown.has(c.id));
  const preferences = { ...after.preferences };
  for (const key of Object.keys(policy.preferences) as Array<keyof typeof policy.preferences>)
    preferences[key] = stored.preferences[key];
  return {
    connections: [...after.connections, ...setAside],
    activeConnectionId:
      after.activeConnectionId === before.activeConnectionId
        ? stored.activeConnectionId
        : after.activeConnectionId,
    preferences,
  };
}
