import type { BulkRunner } from "./bulk-runner";
import {
  deleteConnection,
  forgetToken,
  getClubLanguages,
  getSavedToken,
  listClubs,
  saveConnection,
  setActiveConnection,
  testConnection,
} from "./connection";
import type { BackgroundDeps } from "./deps";
import { startBulkRunUnderPolicy } from "./policy-rules";
import { precheckMember } from "./precheck";
import { setPreferences } from "./preferences";
import type { MessageHandlers } from "./router";
import { sendPasswordReset, sendRegistrationPassword } from "./send-message";

/**
 * The handler of each message, given the background's deps. The router parsed `data` first
 * (message-parsers.ts), so every handler takes its typed data. A new message is one line here and
 * one parser; tests build this table with createTestDeps() to route through the real handlers.
 */
export function createMessageHandlers(
  deps: BackgroundDeps,
  bulk: BulkRunner,
  optionsPageUrl: string,
): MessageHandlers {
  return {
    sendRegistrationPassword: (request) => sendRegistrationPassword(deps, request),
    sendPasswordReset: (request) => sendPasswordReset(deps, request),
    precheckMember: (query) => precheckMember(deps, query),
    saveConnection: (draft) => saveConnection(deps, draft),
    deleteConnection: (ref) => deleteConnection(deps, ref),
    setActiveConnection: (ref) => setActiveConnection(deps, ref),
    testConnection: (draft) => testConnection(deps, draft),
    listClubs: (draft) => listClubs(deps, draft),
    getClubLanguages: (draft) => getClubLanguages(deps, draft),
    forgetToken: (ref) => forgetToken(deps, ref),
    getSavedToken: (ref, sender) => getSavedToken(deps, ref, sender, optionsPageUrl),
    setPreferences: (changes) => setPreferences(deps, changes),
    clearSendLog: async () => {
      await deps.sendLog.clear();
      return null;
    },
    startBulkRun: (request) => startBulkRunUnderPolicy(deps, bulk.start, request),
    pauseBulkRun: () => bulk.pause(),
    resumeBulkRun: () => bulk.resume(),
    cancelBulkRun: () => bulk.cancel(),
    retryFailedBulk: () => bulk.retryFailed(),
    clearBulkRun: () => bulk.clear(),
    wakeBulkRun: async () => {
      await bulk.resumeUnfinished();
      return null;
    },
  };
}
