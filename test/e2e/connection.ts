import { expect } from "@playwright/test";
import type { ConnectionDraft } from "../../utils/validation/connection";
import { SANDBOX_CLUBS, SANDBOX_TOKENS } from "../sandbox";
import type { FormValues, OptionsPage } from "./pages/options-page";

/** A connection to the sandbox, for tests that need one saved. */
export function sandboxDraft(baseUrl: string, changes: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return {
    id: "",
    label: "",
    language: "",
    loginUrl: "",
    environment: "custom",
    baseUrl,
    token: SANDBOX_TOKENS.full,
    productName: "default",
    clubSlug: SANDBOX_CLUBS.infinityMall,
    customerId: "447",
    rememberToken: true,
    ...changes,
  };
}

/**
 * Saves sandbox connections (sandboxDraft with each change) through the background, each one
 * checked saved, the last one active; returns their ids.
 */
export async function saveSandboxConnections(
  options: OptionsPage,
  baseUrl: string,
  ...changes: Array<Partial<ConnectionDraft>>
): Promise<string[]> {
  const ids: string[] = [];
  for (const change of changes) {
    const saved = (await options.saveThroughBackground(sandboxDraft(baseUrl, change))) as { id: string };
    expect(saved).toMatchObject({ ok: true });
    ids.push(saved.id);
  }
  return ids;
}

/** The options form's values for the sandbox's Infinity Mall with the full token; `changes` override. */
export function sandboxForm(baseUrl: string, changes: Partial<FormValues> = {}): FormValues {
  return { baseUrl, token: SANDBOX_TOKENS.full, club: SANDBOX_CLUBS.infinityMall, ...changes };
}

/** Fills the options form with sandboxForm and saves it, as a person would; the page must say it saved. */
export async function fillAndSaveSandbox(
  options: OptionsPage,
  baseUrl: string,
  changes: Partial<FormValues> = {},
): Promise<void> {
  await options.fillAndSave(sandboxForm(baseUrl, changes));
  await expect(options.status).toHaveText("Settings saved.");
}
