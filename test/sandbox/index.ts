/** The fake Placewise MPC API: one set of MSW handlers, used in-process and over HTTP. */

export type { ControlResult } from "./control";
export { CONTROL_PREFIX, handleControlRequest } from "./control";
export { addFault, clearFaults, parseFaultRule, setFault } from "./faults";
export { createSandboxHandlers } from "./handlers";
export type { SandboxServer, SandboxServerOptions } from "./http-server";
export { startSandboxServer } from "./http-server";
export {
  PERMITS,
  SANDBOX_BULK_DOMAIN,
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_PRODUCT,
  SANDBOX_TOKENS,
  seedClubs,
  seedMembers,
  seedTokens,
} from "./seed";
export {
  addMembers,
  clearRequests,
  createSandboxState,
  findClub,
  findMember,
  releasePendingRequests,
  resetSandbox,
  sendRequests,
  setLatency,
} from "./state";
export type * from "./types";
export { isValidEmail, isValidMsisdn } from "./validation";
