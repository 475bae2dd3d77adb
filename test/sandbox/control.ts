import { addFault, clearFaults, parseFaultRule, setFault } from "./faults";
import {
  addMembers,
  clearRequests,
  findClub,
  releasePendingRequests,
  resetSandbox,
  sendRequests,
  setLatency,
} from "./state";
import type { SandboxMember, SandboxState } from "./types";

/** The prefix of the sandbox's own endpoints; they are not Placewise's and are never logged. */
export const CONTROL_PREFIX = "/__sandbox/";

/** What a control endpoint answers: a status and, unless 204, a JSON body. */
export interface ControlResult {
  status: number;
  body?: unknown;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(text: string | null): unknown {
  if (text === null || text.trim() === "") throw new ControlError(400, "A JSON body is required");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, "The body is not valid JSON");
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseMember(value: unknown): string | SandboxMember {
  if (typeof value === "string") return value;
  if (!isRecord(value))
    throw new ControlError(400, "Each member is a string or {email?, msisdn?, has_password?}");
  const { email, msisdn, has_password: hasPassword } = value;
  if (email !== undefined && typeof email !== "string")
    throw new ControlError(400, "Member email must be a string");
  if (msisdn !== undefined && typeof msisdn !== "string")
    throw new ControlError(400, "Member msisdn must be a string");
  if (hasPassword !== undefined && typeof hasPassword !== "boolean") {
    throw new ControlError(400, "Member has_password must be a boolean");
  }
  if (email === undefined && msisdn === undefined)
    throw new ControlError(400, "A member needs an email or an msisdn");
  return {
    ...(email !== undefined && { email }),
    ...(msisdn !== undefined && { msisdn }),
    has_password: hasPassword ?? false,
  };
}

function postMembers(state: SandboxState, input: unknown): ControlResult {
  if (!isRecord(input) || typeof input.club !== "string" || !Array.isArray(input.members)) {
    throw new ControlError(400, 'Expected {"club": "<slug>", "members": [...]}');
  }
  if (!findClub(state, input.club)) throw new ControlError(404, `No sandbox club with slug "${input.club}"`);
  const members = input.members.map(parseMember);
  return { status: 200, body: { added: addMembers(state, input.club, members) } };
}

function putLatency(state: SandboxState, input: unknown): ControlResult {
  const ms = isRecord(input) ? input.ms : undefined;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
    throw new ControlError(400, 'Expected {"ms": <non-negative number>}');
  }
  setLatency(state, ms);
  return { status: 200, body: { latencyMs: state.latencyMs } };
}

function withFault(state: SandboxState, body: string | null, apply: typeof setFault): ControlResult {
  try {
    apply(state, parseFaultRule(parseJson(body)));
  } catch (error) {
    if (error instanceof ControlError) throw error;
    throw new ControlError(400, error instanceof Error ? error.message : String(error));
  }
  return { status: 200, body: { faults: state.faults } };
}

function route(
  state: SandboxState,
  method: string,
  name: string,
  query: URLSearchParams,
  body: string | null,
) {
  switch (`${method} ${name}`) {
    case "GET health":
      return { status: 200, body: { ok: true } };
    case "GET requests":
      return { status: 200, body: query.get("only") === "send" ? sendRequests(state) : state.requests };
    case "DELETE requests":
      clearRequests(state);
      return { status: 204 };
    case "GET fault":
      return { status: 200, body: { faults: state.faults } };
    case "PUT fault":
      return withFault(state, body, setFault);
    case "POST fault":
      return withFault(state, body, addFault);
    case "DELETE fault":
      clearFaults(state);
      return { status: 204 };
    case "PUT latency":
      return putLatency(state, parseJson(body));
    case "POST release":
      releasePendingRequests(state);
      return { status: 204 };
    case "POST reset":
      resetSandbox(state);
      return { status: 204 };
    case "POST members":
      return postMembers(state, parseJson(body));
    default:
      return {
        status: 404,
        body: { error: `No sandbox control endpoint ${method} ${CONTROL_PREFIX}${name}` },
      };
  }
}

/**
 * Runs a control request (`/__sandbox/...`): health, requests, fault, latency, release, reset, members.
 * Bad input answers 400 with `{"error": ...}`.
 */
export function handleControlRequest(
  state: SandboxState,
  method: string,
  url: URL,
  body: string | null,
): ControlResult {
  const name = url.pathname.slice(CONTROL_PREFIX.length);
  try {
    return route(state, method.toUpperCase(), name, url.searchParams, body);
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, body: { error: error.message } };
    throw error;
  }
}
