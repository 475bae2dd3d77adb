// @vitest-environment node
import { describe, expect, it } from "vitest";
import { addFault, clearFaults, parseFaultRule, setFault, takeFault } from "./faults";
import { SANDBOX_BULK_DOMAIN, SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_TOKENS } from "./seed";
import { addMembers, createSandboxState, findClub, findMember, holdRequest, resetSandbox } from "./state";

describe("createSandboxState", () => {
  it("seeds the clubs, tokens and members the constants name", () => {
    const state = createSandboxState();
    for (const slug of Object.values(SANDBOX_CLUBS)) expect(findClub(state, slug)?.main_slug).toBe(slug);
    for (const [key, token] of Object.entries(SANDBOX_TOKENS)) {
      expect(state.tokens.has(token)).toBe(key !== "unknown");
    }
    const infinity = findClub(state, SANDBOX_CLUBS.infinityMall);
    if (!infinity) throw new Error("seed is missing infinity-mall");
    expect(findMember(state, infinity, { email: SANDBOX_MEMBERS.bjorn })).toBeDefined();
    expect(findMember(state, infinity, { email: SANDBOX_MEMBERS.unknownEmail })).toBeUndefined();
  });

  it("gives every state its own copy of the seed", () => {
    const first = createSandboxState();
    const second = createSandboxState();
    addMembers(first, SANDBOX_CLUBS.infinityMall, ["only-in-first@example.no"]);
    const club = findClub(second, SANDBOX_CLUBS.infinityMall);
    if (!club) throw new Error("seed is missing infinity-mall");
    expect(findMember(second, club, { email: "only-in-first@example.no" })).toBeUndefined();
  });

  it("treats every address of a catch-all domain as a member", () => {
    const state = createSandboxState({ catchAllEmailDomains: [SANDBOX_BULK_DOMAIN] });
    const club = findClub(state, SANDBOX_CLUBS.harbourCentre);
    if (!club) throw new Error("seed is missing harbour-centre");
    expect(
      findMember(state, club, {
        email: `Someone.${SANDBOX_BULK_DOMAIN.toUpperCase()}@${SANDBOX_BULK_DOMAIN}`,
      }),
    ).toEqual({
      email: `Someone.${SANDBOX_BULK_DOMAIN.toUpperCase()}@${SANDBOX_BULK_DOMAIN}`,
      has_password: false,
    });
    expect(findMember(state, club, { email: `x@not-${SANDBOX_BULK_DOMAIN}` })).toBeUndefined();
  });
});

describe("resetSandbox", () => {
  it("restores data, clears faults, latency and log, and releases held requests", async () => {
    const state = createSandboxState();
    addMembers(state, SANDBOX_CLUBS.nordicOutlet, ["4799990000"]);
    state.clubs.pop();
    setFault(state, { kind: "hang" });
    state.latencyMs = 100;
    const held = holdRequest(state, null);
    resetSandbox(state);
    expect(await held).toBe(false);
    expect(state.pending.size).toBe(0);
    expect(state.clubs).toHaveLength(Object.keys(SANDBOX_CLUBS).length);
    expect(state.faults).toEqual([]);
    expect(state.latencyMs).toBe(0);
    const club = findClub(state, SANDBOX_CLUBS.nordicOutlet);
    if (!club) throw new Error("reset lost nordic-outlet");
    expect(findMember(state, club, { msisdn: "4799990000" })).toBeUndefined();
  });
});

describe("faults", () => {
  it("counts down `remaining` and skips rules whose scope does not match", () => {
    const state = createSandboxState();
    setFault(state, { kind: "maintenance", scope: "send", remaining: 2 });
    addFault(state, { kind: "reset" });
    expect(takeFault(state, "get-club")).toEqual({ kind: "reset" });
    expect(takeFault(state, "send-by-email")).toEqual({ kind: "maintenance" });
    expect(state.faults[0]?.remaining).toBe(1);
    expect(takeFault(state, "send-by-msisdn")).toEqual({ kind: "maintenance" });
    expect(takeFault(state, "send-by-msisdn")).toEqual({ kind: "reset" });
    clearFaults(state);
    expect(takeFault(state, "send-by-msisdn")).toBeUndefined();
  });

  it.each([
    [
      { kind: "status", status: 503, remaining: 2, scope: "send" },
      { kind: "status", status: 503, remaining: 2, scope: "send" },
    ],
    [{ kind: "rate-limit" }, { kind: "rate-limit" }],
    [
      { kind: "non-json", status: 200 },
      { kind: "non-json", status: 200 },
    ],
    [{ kind: "hang", extra: true }, { kind: "hang" }],
  ])("parses %j", (input, expected) => {
    expect(parseFaultRule(input)).toEqual(expected);
  });

  it.each([
    ["not an object", "status"],
    [{ kind: "status" }, 'needs a "status"'],
    [{ kind: "status", status: 99 }, "200-599"],
    [{ kind: "reset", remaining: 0 }, "positive integer"],
    [{ kind: "reset", scope: "reads" }, "scope"],
    [{ kind: "rate-limit", retryAfterSeconds: -1 }, "retryAfterSeconds"],
  ])("rejects %j", (input, message) => {
    expect(() => parseFaultRule(input)).toThrow(message === "status" ? /JSON object/ : message);
  });
});
