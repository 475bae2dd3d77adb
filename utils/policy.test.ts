import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { NO_POLICY, parsePolicy, readPolicy } from "./policy";

const MALL = { environment: "staging", clubSlug: "infinity-mall", label: "Infinity Mall" };

describe("parsePolicy", () => {
  it("reads no policy as the operator's own choices, not managed", () => {
    expect(parsePolicy({})).toEqual({ policy: NO_POLICY, notes: [], managed: false });
    expect(parsePolicy(undefined)).toEqual({ policy: NO_POLICY, notes: [], managed: false });
  });

  it("reads every documented value", () => {
    const { policy, notes, managed } = parsePolicy({
      connections: [{ ...MALL, id: "oslo", productName: "desk", customerId: "447", language: "no" }],
      lockConnections: true,
      allowCustomBaseUrl: false,
      rememberTokens: "never",
      bulkEnabled: false,
      contextMenuEnabled: false,
      sendLogRetentionDays: 30,
      sendLogMaxEntries: 1000,
      repeatWarningMinutes: 0,
      supportContact: "IT service desk, ext. 4455",
    });
    expect(notes).toEqual([]);
    expect(managed).toBe(true);
    expect(policy).toEqual({
      connections: [
        {
          id: "policy-oslo",
          label: "Infinity Mall",
          environment: "staging",
          baseUrl: "https://api.mpc.dev.placewise.com",
          productName: "desk",
          clubSlug: "infinity-mall",
          customerId: "447",
          language: "no",
          loginUrl: "",
        },
      ],
      lockConnections: true,
      allowCustomBaseUrl: false,
      rememberTokens: "never",
      bulkEnabled: false,
      contextMenuEnabled: false,
      preferences: { sendLogRetentionDays: 30, sendLogMaxEntries: 1000, recentSendMinutes: 0 },
      supportContact: "IT service desk, ext. 4455",
    });
  });

  it.each([
    ["lockConnections", "yes", "notBoolean"],
    ["bulkEnabled", 0, "notBoolean"],
    ["rememberTokens", "sometimes", "unknownValue"],
    ["sendLogMaxEntries", 10, "outOfRange"],
    ["sendLogRetentionDays", 2.5, "outOfRange"],
    ["repeatWarningMinutes", "10", "outOfRange"],
    ["supportContact", "call\u202eevil", "notText"],
    ["connections", { ...MALL }, "notList"],
  ])("ignores %s = %j with a note, and keeps the operator's setting", (name, value, problem) => {
    const report = parsePolicy({ [name]: value, bulkEnabled: name === "bulkEnabled" ? value : true });
    expect(report.notes).toEqual([{ name, problem }]);
    expect(report.policy).toEqual(NO_POLICY);
  });

  it("ignores one broken connection with a note per field, and keeps the others", () => {
    const { policy, notes } = parsePolicy({
      connections: [
        { environment: "custom", baseUrl: "http://api.example.com", clubSlug: "../admin" },
        MALL,
        { ...MALL, environment: "moon" },
        "not a connection",
      ],
    });
    expect(policy.connections?.map((c) => c.clubSlug)).toEqual(["infinity-mall"]);
    expect(notes).toEqual([
      { name: "connections[0].baseUrl", problem: "notHttps" },
      { name: "connections[0].clubSlug", problem: "slugFormat" },
      { name: "connections[2].environment", problem: "unknownValue" },
      { name: "connections[3]", problem: "notObject" },
    ]);
  });

  it("never takes a token from policy", () => {
    const { policy, notes } = parsePolicy({ connections: [{ ...MALL, token: "secret" }] });
    expect(notes).toEqual([{ name: "connections[0].token", problem: "tokenNotAllowed" }]);
    expect(JSON.stringify(policy)).not.toContain("secret");
    expect(policy.connections).toHaveLength(1);
  });

  it("gives a connection without an id the same id across policy updates (label, product changed)", () => {
    const before = parsePolicy({ connections: [MALL] }).policy.connections?.[0]?.id;
    const after = parsePolicy({ connections: [{ ...MALL, label: "Renamed", productName: "desk" }] }).policy
      .connections?.[0]?.id;
    expect(before).toMatch(/^policy-[0-9a-f]{8}$/u);
    expect(after).toBe(before);
    const otherClub = parsePolicy({ connections: [{ ...MALL, clubSlug: "harbour-centre" }] }).policy
      .connections?.[0]?.id;
    expect(otherClub).not.toBe(before);
  });

  it("refuses a second connection with the same id, and an id that is not one", () => {
    const { policy, notes } = parsePolicy({
      connections: [MALL, { ...MALL, label: "Again" }, { ...MALL, id: "a b" }],
    });
    expect(policy.connections).toHaveLength(1);
    expect(notes).toEqual([
      { name: "connections[1]", problem: "duplicateId" },
      { name: "connections[2].id", problem: "badId" },
    ]);
  });
});

describe("readPolicy", () => {
  it("reads fakeBrowser's storage.managed", async () => {
    await fakeBrowser.storage.managed.set({ bulkEnabled: false });
    expect((await readPolicy()).policy.bulkEnabled).toBe(false);
  });

  it("treats a browser that refuses managed storage (Firefox without a policy) as no policy", async () => {
    vi.spyOn(fakeBrowser.storage.managed, "get").mockRejectedValue(
      new Error("Managed storage manifest not found"),
    );
    expect(await readPolicy()).toEqual({ policy: NO_POLICY, notes: [], managed: false });
  });
});
