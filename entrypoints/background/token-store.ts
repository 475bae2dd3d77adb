import { storage } from "wxt/utils/storage";
import { createSerialQueue } from "./serial-queue";
import { MIGRATED_CONNECTION_ID } from "./settings-migrations";

// Client tokens are secrets. They live apart from the settings, by connection id, so pages that
// read settings never touch them; only the background imports this module (enforced by
// biome.json). storage.session is kept in memory by the browser and cleared when it closes: the
// "don't remember" choice.
/** The key of the token maps, in storage.local (remembered) and storage.session. */
export const TOKENS_STORAGE_KEY = "clientTokens";
const rememberedTokens = storage.defineItem<Record<string, string>>(`local:${TOKENS_STORAGE_KEY}`, {
  fallback: {},
});
const sessionTokens = storage.defineItem<Record<string, string>>(`session:${TOKENS_STORAGE_KEY}`, {
  fallback: {},
});

// Settings v1 kept one token under a single key; it belongs to the connection the v1 -> v2
// settings migration creates, and moves there the first time it is read.
const legacyRemembered = storage.defineItem<string>("local:clientToken");
const legacySession = storage.defineItem<string>("session:clientToken");

// Every write reads a whole map and writes it back: two at once (saving one connection while
// another's token is forgotten) would each drop the other's change. One queue for both maps,
// because a write to one removes the copy from the other.
const inOrder = createSerialQueue();

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
  return ownToken(remembered ? tokens.remembered : tokens.session, connectionId);
}

/**
 * The token stored under an id: own properties only, and only a non-empty string. A plain object
 * answers `constructor` or `toString` with a function inherited from Object.prototype.
 */
function ownToken(tokens: unknown, connectionId: string): string | null {
  if (typeof tokens !== "object" || tokens === null || !Object.hasOwn(tokens, connectionId)) return null;
  const token: unknown = (tokens as Record<string, unknown>)[connectionId];
  return typeof token === "string" && token !== "" ? token : null;
}

/** Reads a connection's token from wherever its settings say it lives. */
export async function readToken(connectionId: string, remembered: boolean): Promise<string | null> {
  const token = ownToken(await tokensIn(remembered).getValue(), connectionId);
  if (token !== null || connectionId !== MIGRATED_CONNECTION_ID) return token;
  return inOrder(() => readOrAdopt(connectionId, remembered));
}

/** Inside the queue: the token, or the settings-v1 token, which it moves under its connection. */
async function readOrAdopt(connectionId: string, remembered: boolean): Promise<string | null> {
  const token = ownToken(await tokensIn(remembered).getValue(), connectionId);
  if (token !== null || connectionId !== MIGRATED_CONNECTION_ID) return token;
  const legacy = remembered ? legacyRemembered : legacySession;
  const legacyToken = await legacy.getValue();
  if (!legacyToken) return null;
  await put(MIGRATED_CONNECTION_ID, legacyToken, remembered);
  await legacy.removeValue();
  return legacyToken;
}

/** Stores a token in one place and removes it from the other, so no stale copy stays behind. */
export function writeToken(connectionId: string, token: string, remembered: boolean): Promise<void> {
  return inOrder(() => put(connectionId, token, remembered));
}

async function put(connectionId: string, token: string, remembered: boolean): Promise<void> {
  const target = tokensIn(remembered);
  await target.setValue({ ...(await target.getValue()), [connectionId]: token });
  await removeFrom(tokensIn(!remembered), connectionId);
}

/** Moves a saved token to where a changed "remember" choice says it belongs. */
export function moveToken(
  connectionId: string,
  fromRemembered: boolean,
  toRemembered: boolean,
): Promise<void> {
  if (fromRemembered === toRemembered) return Promise.resolve();
  return inOrder(async () => {
    const token = await readOrAdopt(connectionId, fromRemembered);
    if (token !== null) await put(connectionId, token, toRemembered);
  });
}

/** Removes a connection's token from both places. */
export function forgetToken(connectionId: string): Promise<void> {
  return inOrder(async () => {
    await removeFrom(rememberedTokens, connectionId);
    await removeFrom(sessionTokens, connectionId);
    if (connectionId === MIGRATED_CONNECTION_ID) {
      await legacyRemembered.removeValue();
      await legacySession.removeValue();
    }
  });
}

async function removeFrom(item: typeof rememberedTokens, connectionId: string): Promise<void> {
  const tokens = await item.getValue();
  if (!Object.hasOwn(tokens, connectionId)) return;
  const { [connectionId]: _removed, ...rest } = tokens;
  await item.setValue(rest);
}
