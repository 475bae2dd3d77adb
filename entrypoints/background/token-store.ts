import { storage } from "wxt/utils/storage";
import { MIGRATED_CONNECTION_ID } from "@/utils/settings-migrations";

// Client tokens are secrets. They live apart from the settings, by connection id, so pages that
// read settings never touch them; only the background imports this module (enforced by
// biome.json). storage.session is kept in memory by the browser and cleared when it closes: the
// "don't remember" choice.
const rememberedTokens = storage.defineItem<Record<string, string>>("local:clientTokens", { fallback: {} });
const sessionTokens = storage.defineItem<Record<string, string>>("session:clientTokens", { fallback: {} });

// Settings v1 kept one token under a single key; it belongs to the connection the v1 -> v2
// settings migration creates, and moves there the first time it is read.
const legacyRemembered = storage.defineItem<string>("local:clientToken");
const legacySession = storage.defineItem<string>("session:clientToken");

function tokensIn(remembered: boolean) {
  return remembered ? rememberedTokens : sessionTokens;
}

/** Every stored token, by connection id, in both places. */
export interface StoredTokens {
  remembered: Record<string, string>;
  session: Record<string, string>;
}

/** Reads both token maps at once, so a caller that does not know the connection yet waits once. */
export async function readTokens(): Promise<StoredTokens> {
  const [remembered, session] = await Promise.all([rememberedTokens.getValue(), sessionTokens.getValue()]);
  return { remembered, session };
}

/** A connection's token from maps already read, or null. */
export function tokenFor(tokens: StoredTokens, connectionId: string, remembered: boolean): string | null {
  return (remembered ? tokens.remembered : tokens.session)[connectionId] || null;
}

/** Reads a connection's token from wherever its settings say it lives. */
export async function readToken(connectionId: string, remembered: boolean): Promise<string | null> {
  const token = (await tokensIn(remembered).getValue())[connectionId];
  if (token) return token;
  if (connectionId === MIGRATED_CONNECTION_ID) return adoptLegacyToken(remembered);
  return null;
}

async function adoptLegacyToken(remembered: boolean): Promise<string | null> {
  const legacy = remembered ? legacyRemembered : legacySession;
  const token = await legacy.getValue();
  if (!token) return null;
  await writeToken(MIGRATED_CONNECTION_ID, token, remembered);
  await legacy.removeValue();
  return token;
}

/** Stores a token in one place and removes it from the other, so no stale copy stays behind. */
export async function writeToken(connectionId: string, token: string, remembered: boolean): Promise<void> {
  const target = tokensIn(remembered);
  await target.setValue({ ...(await target.getValue()), [connectionId]: token });
  await removeFrom(tokensIn(!remembered), connectionId);
}

/** Moves a saved token to where a changed "remember" choice says it belongs. */
export async function moveToken(
  connectionId: string,
  fromRemembered: boolean,
  toRemembered: boolean,
): Promise<void> {
  if (fromRemembered === toRemembered) return;
  const token = await readToken(connectionId, fromRemembered);
  if (token !== null) await writeToken(connectionId, token, toRemembered);
}

/** Removes a connection's token from both places. */
export async function forgetToken(connectionId: string): Promise<void> {
  await removeFrom(rememberedTokens, connectionId);
  await removeFrom(sessionTokens, connectionId);
  if (connectionId === MIGRATED_CONNECTION_ID) {
    await legacyRemembered.removeValue();
    await legacySession.removeValue();
  }
}

async function removeFrom(item: typeof rememberedTokens, connectionId: string): Promise<void> {
  const tokens = await item.getValue();
  if (!(connectionId in tokens)) return;
  const { [connectionId]: _removed, ...rest } = tokens;
  await item.setValue(rest);
}
