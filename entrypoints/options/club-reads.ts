import type { Signal } from "@preact/signals";
import { needsHostPermission } from "@/utils/environments";
import { createLatestRead, type ReadState as LatestReadState } from "@/utils/latest-read";
import type { DraftReadResult, FieldProblems } from "@/utils/messages";
import type { ClubLanguages, ClubSummary, ReadResult } from "@/utils/send-outcome";
import {
  type ConnectionDraft,
  type ConnectionDraftCheck,
  checkConnectionDraft,
  originPatternFor,
} from "@/utils/validation/connection";
import type { OptionsPage } from "./page";

/** Why a read for the form (club list, languages) failed: the API's answer, or the draft's problems. */
export type ReadFailure = Extract<ReadResult<unknown>, { ok: false }>["outcome"] | { kind: "draft-problems" };

/** A read the form depends on. */
export type ReadState<T> = LatestReadState<T, ReadFailure>;

/** The parts of the connection form the reads look at. */
export interface FormFields {
  draft: Signal<ConnectionDraft>;
  editingId: Signal<string>;
  hasSavedToken: Signal<boolean>;
  problems: Signal<FieldProblems>;
}

/** Fields the club list depends on: a change makes the loaded list stale. */
export const CLUB_LIST_FIELDS: ReadonlySet<keyof ConnectionDraft> = new Set([
  "environment",
  "baseUrl",
  "token",
  "productName",
  "customerId",
]);

/** The club list and the club's languages for the form's values; the latest read wins. */
export function createClubReads(page: OptionsPage, form: FormFields) {
  const clubList = createLatestRead<ClubSummary[], ReadFailure>();
  const languageList = createLatestRead<ClubLanguages, ReadFailure>();

  /**
   * Loads the clubs the form's token may use. "click" comes from the Load clubs button: it shows the
   * form's problems and may ask for a host permission (before any await, as the browser requires).
   * "auto" (opening a connection, leaving the token field) stays quiet when the form is not ready.
   */
  async function loadClubs(trigger: "auto" | "click"): Promise<void> {
    const listDraft = { ...form.draft.value, clubSlug: "", label: "", language: "", loginUrl: "" };
    const check = checkConnectionDraft(listDraft, form.hasSavedToken.value, { clubOptional: true });
    if (!check.ok) {
      if (trigger === "click") {
        form.problems.value = { ...form.problems.value, ...check.problems };
        page.notice.value = { kind: "clubsNotLoaded" };
      }
      return;
    }
    const key = clubListKey(form.draft.value);
    if (trigger === "auto" && key === clubList.key) return;
    const baseUrl = check.connection.baseUrl;
    if (trigger === "click" && needsHostPermission(baseUrl)) {
      const granted = await page.deps.requestHostPermission(originPatternFor(baseUrl));
      if (!granted) {
        const host = new URL(baseUrl).host;
        clubList.show(key, { status: "failed", failure: { kind: "host-permission-missing", host } });
        return;
      }
    }
    await clubList.run(key, async () =>
      readStateOf(await page.deps.listClubs(checkedDraft(form.editingId.value, check, ""))),
    );
  }

  /** Loads the languages of the form's club, when the form names a token and a club. */
  async function loadLanguages(): Promise<void> {
    const languageDraft = { ...form.draft.value, label: "", language: "", loginUrl: "" };
    const check = checkConnectionDraft(languageDraft, form.hasSavedToken.value);
    if (!check.ok) return;
    const key = languagesKeyOf(form.draft.value);
    if (key === languageList.key) return;
    await languageList.run(key, async () =>
      readStateOf(await page.deps.getClubLanguages(checkedDraft(form.editingId.value, check, ""))),
    );
  }

  /** Drops a list read with other values than the form now holds. */
  function dropStale(next: ConnectionDraft, changed: keyof ConnectionDraft): void {
    if (CLUB_LIST_FIELDS.has(changed) && clubList.key !== "" && clubList.key !== clubListKey(next)) {
      clubList.reset();
    }
    if (languageList.key !== "" && languageList.key !== languagesKeyOf(next)) languageList.reset();
  }

  return {
    clubs: clubList.state,
    languages: languageList.state,
    loadClubs,
    loadLanguages,
    dropStale,
    resetReads(): void {
      clubList.reset();
      languageList.reset();
    },
  };
}

/**
 * The draft as checked: trimmed values, the named environment's base URL, "" to keep the saved
 * token. The name stays as typed: left empty, the background names the connection after the club.
 */
export function checkedDraft(
  id: string,
  check: Extract<ConnectionDraftCheck, { ok: true }>,
  label: string,
): ConnectionDraft {
  return { ...check.connection, id, label: label.trim(), token: check.token ?? "" };
}

function clubListKey(draft: ConnectionDraft): string {
  return JSON.stringify([draft.environment, draft.baseUrl, draft.token, draft.productName, draft.customerId]);
}

function languagesKeyOf(draft: ConnectionDraft): string {
  return JSON.stringify([clubListKey(draft), draft.clubSlug.trim()]);
}

function readStateOf<T>(result: DraftReadResult<T>): ReadState<T> {
  if (result.ok) return { status: "loaded", value: result.value };
  return { status: "failed", failure: "outcome" in result ? result.outcome : { kind: "draft-problems" } };
}
