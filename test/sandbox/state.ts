import { seedClubs, seedMembers, seedTokens } from "./seed";
import type {
  SandboxClub,
  SandboxMember,
  SandboxRequestEntry,
  SandboxState,
  SandboxStateOptions,
  SandboxTokenGrant,
} from "./types";
import { isValidEmail, normalizeEmail } from "./validation";

// Options are deep-copied on every build so a test that mutates its state never changes the seed
// or another test's state.
function copy<T>(value: T): T {
  return structuredClone(value);
}

function buildWorld(options: SandboxStateOptions) {
  const members = options.members ?? seedMembers();
  const tokens: Record<string, SandboxTokenGrant> = options.tokens ?? seedTokens();
  return {
    clubs: copy(options.clubs ?? seedClubs()),
    members: new Map(Object.entries(copy(members))),
    tokens: new Map(Object.entries(copy(tokens))),
    catchAllEmailDomains: new Set((options.catchAllEmailDomains ?? []).map(normalizeEmail)),
    latencyMs: options.latencyMs ?? 0,
  };
}

/** Creates a sandbox world: the seed data unless options replace parts of it. */
export function createSandboxState(options: SandboxStateOptions = {}): SandboxState {
  return {
    ...buildWorld(options),
    faults: [],
    requests: [],
    nextRequestId: 1,
    pending: new Set(),
    now: options.now ?? (() => new Date()),
    options,
  };
}

/** Ends every request held open by a hang fault or by latency; they fail as connection resets. */
export function releasePendingRequests(state: SandboxState): void {
  const releases = [...state.pending];
  state.pending.clear();
  for (const release of releases) release();
}

/** Puts the state back to how createSandboxState built it: data, no faults, no latency, empty log. */
export function resetSandbox(state: SandboxState): void {
  releasePendingRequests(state);
  Object.assign(state, buildWorld(state.options));
  state.faults = [];
  state.requests = [];
}

/** Sets the delay added before every answer; 0 turns it off. */
export function setLatency(state: SandboxState, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`Latency must be a non-negative number, got ${ms}`);
  state.latencyMs = ms;
}

/** Finds a club by its main, short or other slug. */
export function findClub(state: SandboxState, slug: string): SandboxClub | undefined {
  return state.clubs.find(
    (club) => club.main_slug === slug || club.short_slug === slug || club.other_slugs.includes(slug),
  );
}

/** Adds members to a club; a string is an email when it contains `@`, else an MSISDN. Returns the count. */
export function addMembers(
  state: SandboxState,
  clubSlug: string,
  members: ReadonlyArray<string | SandboxMember>,
): number {
  const club = findClub(state, clubSlug);
  if (!club) throw new Error(`No sandbox club with slug "${clubSlug}"`);
  const list = state.members.get(club.main_slug) ?? [];
  for (const member of members) {
    if (typeof member !== "string") list.push({ ...member });
    else if (member.includes("@")) list.push({ email: member, has_password: false });
    else list.push({ msisdn: member, has_password: false });
  }
  state.members.set(club.main_slug, list);
  return members.length;
}

/** Finds a member of a club by email (case-insensitive) or MSISDN, including catch-all domains. */
export function findMember(
  state: SandboxState,
  club: SandboxClub,
  by: { email: string } | { msisdn: string },
): SandboxMember | undefined {
  const members = state.members.get(club.main_slug) ?? [];
  if ("msisdn" in by) return members.find((member) => member.msisdn === by.msisdn);
  const wanted = normalizeEmail(by.email);
  const known = members.find(
    (member) => member.email !== undefined && normalizeEmail(member.email) === wanted,
  );
  if (known) return known;
  const domain = wanted.slice(wanted.lastIndexOf("@") + 1);
  if (isValidEmail(wanted) && state.catchAllEmailDomains.has(domain)) {
    return { email: by.email, has_password: false };
  }
  return undefined;
}

/** Only the sends of the log (registration password and password reset), oldest first. */
export function sendRequests(state: SandboxState): SandboxRequestEntry[] {
  return state.requests.filter(
    (entry) =>
      entry.route === "send-by-email" || entry.route === "send-by-msisdn" || entry.route === "reset-by-email",
  );
}

/** Empties the request log (ids keep counting up). */
export function clearRequests(state: SandboxState): void {
  state.requests = [];
}

/**
 * Waits `ms` (or forever when null) unless released by reset/close or aborted by the client.
 * Resolves true when the wait ran its course, false when it was cut short.
 */
export function holdRequest(state: SandboxState, ms: number | null, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (completed: boolean) => {
      if (timer !== undefined) clearTimeout(timer);
      state.pending.delete(release);
      signal?.removeEventListener("abort", release);
      resolve(completed);
    };
    const release = () => finish(false);
    if (signal?.aborted) return resolve(false);
    state.pending.add(release);
    signal?.addEventListener("abort", release, { once: true });
    if (ms !== null) timer = setTimeout(() => finish(true), ms);
  });
}
