import type { ClientIdentity } from "@/utils/api/request";
import type { ConnectionSettings } from "@/utils/settings";

/** The identity a client sends with, from the saved (or drafted) connection and its token. */
export function clientIdentityFor(
  connection: Omit<ConnectionSettings, "hasToken">,
  token: string,
  userAgent: string,
): ClientIdentity {
  return {
    baseUrl: connection.baseUrl,
    token,
    productName: connection.productName,
    clubSlug: connection.clubSlug,
    customerId: connection.customerId,
    userAgent,
  };
}
