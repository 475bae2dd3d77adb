import type { FaultScope, SandboxFault, SandboxFaultRule, SandboxRoute, SandboxState } from "./types";

/** Replaces every queued fault with this one. */
export function setFault(state: SandboxState, rule: SandboxFaultRule): void {
  state.faults = [checkFaultRule(rule)];
}

/** Queues a fault behind the ones already set (for "two 503s, then a 429"). */
export function addFault(state: SandboxState, rule: SandboxFaultRule): void {
  state.faults.push(checkFaultRule(rule));
}

/** Removes every fault; requests already hanging stay so until releasePendingRequests or reset. */
export function clearFaults(state: SandboxState): void {
  state.faults = [];
}

// Every route that sends a member a message: a "send" fault is about those.
function isSendRoute(route: SandboxRoute): boolean {
  return route === "send-by-email" || route === "send-by-msisdn" || route === "reset-by-email";
}

function appliesTo(scope: FaultScope | undefined, route: SandboxRoute): boolean {
  return scope !== "send" || isSendRoute(route);
}

/** Takes the fault for a request on this route, counting down and dropping a rule when it is used up. */
export function takeFault(state: SandboxState, route: SandboxRoute): SandboxFault | undefined {
  const index = state.faults.findIndex((rule) => appliesTo(rule.scope, route));
  const rule = state.faults[index];
  if (!rule) return undefined;
  if (rule.remaining !== undefined) {
    rule.remaining -= 1;
    if (rule.remaining <= 0) state.faults.splice(index, 1);
  }
  const { remaining: _remaining, scope: _scope, ...fault } = rule;
  return fault;
}

// Statuses a Response may carry; the rest (1xx, >599) cannot be built by fetch's Response.
function isAnswerableStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 200 && status <= 599;
}

function checkFaultRule(rule: SandboxFaultRule): SandboxFaultRule {
  if (rule.remaining !== undefined && !(Number.isInteger(rule.remaining) && rule.remaining > 0)) {
    throw new RangeError(`Fault "remaining" must be a positive integer, got ${rule.remaining}`);
  }
  if ((rule.kind === "status" || rule.kind === "non-json") && rule.status !== undefined) {
    if (!isAnswerableStatus(rule.status))
      throw new RangeError(`Fault status must be 200-599, got ${rule.status}`);
  }
  if (rule.kind === "rate-limit" && rule.retryAfterSeconds !== undefined) {
    if (!(Number.isInteger(rule.retryAfterSeconds) && rule.retryAfterSeconds >= 0)) {
      throw new RangeError(
        `Fault "retryAfterSeconds" must be a non-negative integer, got ${rule.retryAfterSeconds}`,
      );
    }
  }
  return { ...rule };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalNumber(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number") throw new TypeError(`Fault "${key}" must be a number`);
  return value;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new TypeError(`Fault "${key}" must be a string`);
  return value;
}

function optionalHeaders(input: Record<string, unknown>): Record<string, string> | undefined {
  const value = input.headers;
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === "string")) {
    throw new TypeError('Fault "headers" must be an object of strings');
  }
  return value as Record<string, string>;
}

function parseFaultKind(input: Record<string, unknown>): SandboxFault {
  switch (input.kind) {
    case "status": {
      const status = optionalNumber(input, "status");
      if (status === undefined) throw new TypeError('A "status" fault needs a "status"');
      const error = optionalString(input, "error");
      const headers = optionalHeaders(input);
      return { kind: "status", status, ...(error !== undefined && { error }), ...(headers && { headers }) };
    }
    case "rate-limit": {
      const retryAfterSeconds = optionalNumber(input, "retryAfterSeconds");
      const retryAfter = optionalString(input, "retryAfter");
      return {
        kind: "rate-limit",
        ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
        ...(retryAfter !== undefined && { retryAfter }),
      };
    }
    case "headers": {
      const headers = optionalHeaders(input);
      if (headers === undefined) throw new TypeError('A "headers" fault needs "headers"');
      return { kind: "headers", headers };
    }
    case "non-json": {
      const status = optionalNumber(input, "status");
      const body = optionalString(input, "body");
      return {
        kind: "non-json",
        ...(status !== undefined && { status }),
        ...(body !== undefined && { body }),
      };
    }
    case "maintenance":
    case "reset":
    case "cut-body":
    case "hang":
      return { kind: input.kind };
    default:
      throw new TypeError(
        'Fault "kind" must be one of status, maintenance, rate-limit, reset, cut-body, headers, non-json, hang',
      );
  }
}

/** Validates a fault rule that arrived as JSON (the HTTP control endpoint); throws a readable error. */
export function parseFaultRule(input: unknown): SandboxFaultRule {
  if (!isRecord(input)) throw new TypeError("A fault must be a JSON object");
  const fault = parseFaultKind(input);
  const remaining = optionalNumber(input, "remaining");
  const scope = input.scope;
  if (scope !== undefined && scope !== "all" && scope !== "send") {
    throw new TypeError('Fault "scope" must be "all" or "send"');
  }
  return checkFaultRule({
    ...fault,
    ...(remaining !== undefined && { remaining }),
    ...(scope !== undefined && { scope }),
  });
}
