import type { Connection } from "@/utils/settings";
import type { CheckedConnection } from "@/utils/validation/connection";
import type { ClientIdentity } from "./api/request";

/** The identity a client sends with, from a saved (or drafted) connection and its token. */
export function clientIdentityFor(
  connection: Connection | CheckedConnection,
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
