import { createPlacewiseClient } from "@/utils/api/client";
import { needsHostPermission } from "@/utils/environments";
import type { SendOutcome } from "@/utils/send-outcome";
import { originPatternFor } from "@/utils/validation/connection";
import { checkEmail } from "@/utils/validation/email";
import type { BackgroundDeps } from "./deps";
import { clientIdentityFor } from "./identity";

/**
 * Sends one registration-password email with the saved connection. The page already validated the
 * address; this checks it again because a message is untrusted input. The POST is made once and
 * never retried here: a retry after an unclear failure could send the member a second message.
 */
export async function sendRegistrationPassword(deps: BackgroundDeps, data: unknown): Promise<SendOutcome> {
  const email = isRecord(data) && typeof data.email === "string" ? data.email : "";
  const check = checkEmail(email);
  if (!check.ok) return { kind: "invalid-input", problem: check.problem };

  // Both token places are read alongside the settings: one storage round trip instead of two
  // before the request goes out (measured by npm run bench, "send overhead").
  const [{ connection }, rememberedToken, sessionToken] = await Promise.all([
    deps.readSettings(),
    deps.readToken(true),
    deps.readToken(false),
  ]);
  if (connection === null) return { kind: "not-configured" };
  const token = connection.rememberToken ? rememberedToken : sessionToken;
  if (token === null) return { kind: "not-configured" };
  // The manifest grants the built-in hosts; only a custom host can lack its permission.
  if (
    needsHostPermission(connection.baseUrl) &&
    !(await deps.hasHostPermission(originPatternFor(connection.baseUrl)))
  ) {
    return { kind: "host-permission-missing", host: new URL(connection.baseUrl).host };
  }

  const client = createPlacewiseClient(deps, clientIdentityFor(connection, token, deps.userAgent));
  return client.sendRegistrationPassword("email", check.email);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
