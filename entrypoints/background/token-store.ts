import { storage } from "wxt/utils/storage";

// The client token is a secret. It lives apart from the settings so pages that read settings never
// touch it; only the background imports this module (enforced by biome.json). storage.session is
// kept in memory by the browser and cleared when it closes: the "don't remember" choice.
const rememberedToken = storage.defineItem<string>("local:clientToken");
const sessionToken = storage.defineItem<string>("session:clientToken");

/** Reads the token from wherever the settings say it lives. */
export async function readToken(rememberToken: boolean): Promise<string | null> {
  const token = await (rememberToken ? rememberedToken : sessionToken).getValue();
  return token === null || token === "" ? null : token;
}

/** Stores the token in one place and removes it from the other, so no stale copy stays behind. */
export async function writeToken(token: string, rememberToken: boolean): Promise<void> {
  await (rememberToken ? rememberedToken : sessionToken).setValue(token);
  await (rememberToken ? sessionToken : rememberedToken).removeValue();
}

/** Moves a saved token to where a changed "remember" choice says it belongs. */
export async function moveToken(fromRemembered: boolean, toRemembered: boolean): Promise<void> {
  if (fromRemembered === toRemembered) return;
  const token = await readToken(fromRemembered);
  if (token !== null) await writeToken(token, toRemembered);
}

/** Removes the token from both places. */
export async function forgetToken(): Promise<void> {
  await rememberedToken.removeValue();
  await sessionToken.removeValue();
}
