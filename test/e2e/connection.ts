import type { ConnectionDraft } from "../../utils/validation/connection";
import { SANDBOX_CLUBS, SANDBOX_TOKENS } from "../sandbox";

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
