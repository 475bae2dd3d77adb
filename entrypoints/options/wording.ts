import { describeConnectionCheck, type OutcomeWording } from "@/utils/describe-outcome";
import { formatNumber } from "@/utils/format";
import { t } from "@/utils/i18n";
import type { PolicyNote } from "@/utils/policy";
import type { ClubLanguages, ClubSummary } from "@/utils/send-outcome";
import { type ConnectionCheckOutcome, connectionCheckPassed } from "@/utils/send-outcome";
import type { FieldProblem } from "@/utils/validation/connection";
import type { ReadFailure, ReadState } from "./club-reads";
import type { Rejection } from "./connection-form";
import type { OptionsNotice } from "./page";

/** A line next to a field: information (a 403 is one), or a problem that explains itself. */
export interface FieldNote {
  tone: "info" | "problem";
  text: string;
}

/** What the club picker says about its list. A 403 is information: a typed slug still works. */
export function describeClubList(state: ReadState<ClubSummary[]>): FieldNote | null {
  switch (state.status) {
    case "idle":
      return null;
    case "loading":
      return { tone: "info", text: t("options_clubsLoading") };
    case "loaded": {
      const count = state.value.length;
      if (count === 0) return { tone: "info", text: t("options_clubsEmpty") };
      return {
        tone: "info",
        text: count === 1 ? t("options_clubsLoadedOne") : t("options_clubsLoaded", formatNumber(count)),
      };
    }
    case "failed": {
      const { failure } = state;
      if (failure.kind === "permit-missing")
        return { tone: "info", text: t("options_clubsNotPermitted", failure.permit) };
      if (failure.kind === "host-permission-missing")
        return { tone: "problem", text: t("options_clubsHostPermission", failure.host) };
      if (failure.kind === "draft-problems") return { tone: "problem", text: t("options_clubsNotLoaded") };
      return { tone: "problem", text: t("options_clubsFailed", reason(failure)) };
    }
  }
}

/** What the language choice says about the club's languages; nothing once they are in. */
export function describeLanguages(state: ReadState<ClubLanguages>): FieldNote | null {
  switch (state.status) {
    case "idle":
      return { tone: "info", text: t("options_languagesNeedClub") };
    case "loading":
      return { tone: "info", text: t("options_languagesLoading") };
    case "loaded":
      return null;
    case "failed": {
      const { failure } = state;
      if (failure.kind === "permit-missing")
        return { tone: "info", text: t("options_languagesNotPermitted", failure.permit) };
      if (failure.kind === "draft-problems") return { tone: "problem", text: t("options_clubsNotLoaded") };
      return { tone: "problem", text: t("options_languagesFailed", reason(failure)) };
    }
  }
}

/** A failed read's reason, worded as "Test connection" words it. */
function reason(failure: Exclude<ReadFailure, { kind: "draft-problems" | "permit-missing" }>): string {
  return describeConnectionCheck(failure).summary;
}

/** The policy's own problems; a connection field's problem is worded as the form words it. */
const POLICY_PROBLEM_KEYS = {
  notBoolean: "policy_problem_notBoolean",
  notText: "policy_problem_notText",
  notList: "policy_problem_notList",
  notObject: "policy_problem_notObject",
  unknownValue: "policy_problem_unknownValue",
  outOfRange: "policy_problem_outOfRange",
  duplicateId: "policy_problem_duplicateId",
  tokenNotAllowed: "policy_problem_tokenNotAllowed",
  badId: "policy_problem_badId",
} as const;

/** One ignored policy value: its name as IT wrote it, and why this build did not use it. */
export function describePolicyNote(note: PolicyNote): string {
  const reason =
    note.problem in POLICY_PROBLEM_KEYS
      ? t(POLICY_PROBLEM_KEYS[note.problem as keyof typeof POLICY_PROBLEM_KEYS])
      : t(`fieldError_${note.problem as FieldProblem}`);
  return t("policy_ignored", note.name, reason);
}

/** What Placewise refused, said next to the field it is about. */
export const REJECTION_TEXT: Record<Rejection, () => string> = {
  "token-rejected": () => t("options_tokenRejected"),
  "club-not-found": () => t("options_clubUnknown"),
};

/** What the page's notice region shows: progress or a success in role=status, a failure as an alert. */
export interface NoticeWording {
  status: string | null;
  /** The status is work under way ("Saving…"). */
  pending?: boolean;
  /** The status is done but to weigh (saved, not made active): the warning tone, not the success one. */
  weigh?: boolean;
  alert: OutcomeWording | null;
}

/** Words the last notice: successes and progress stay in role=status, failures are alerts. */
export function describeNotice(notice: OptionsNotice | null): NoticeWording {
  const status = (text: string): NoticeWording => ({ status: text, alert: null });
  const alert = (summary: string): NoticeWording => ({
    status: null,
    alert: { tone: "error", summary, details: [] },
  });
  switch (notice?.kind) {
    case undefined:
      return { status: null, alert: null };
    case "saving":
      return { status: t("options_saving"), pending: true, alert: null };
    case "testing":
      return { status: t("options_testing"), pending: true, alert: null };
    case "saved":
      return describeSaved(notice.check, notice.notActive);
    case "notSaved":
      return alert(t("options_notSaved"));
    case "notTested":
      return alert(t("options_notTested"));
    case "clubsNotLoaded":
      return alert(t("options_clubsNotLoaded"));
    case "tokenForgotten":
      return status(t("options_tokenForgotten"));
    case "permissionDenied":
      return alert(t("options_permissionDenied", notice.host));
    case "deleted":
      return status(t("options_deleted", notice.label));
    case "activated":
      return status(t("options_activated", notice.label));
    case "preferencesSaved":
      return status(t("options_preferencesSaved"));
    case "preferencesNotSaved":
      return alert(t("options_preferencesNotSaved"));
    case "storageFailed":
      return alert(t(notice.reason === "newer-version" ? "options_newerVersion" : "options_storageFailed"));
    case "refusedByPolicy":
      return alert(
        t(notice.reason === "set-by-policy" ? "options_refusedSetByPolicy" : "options_refusedCustomUrl"),
      );
    case "tested": {
      if (!notice.result.ok) return alert(t("options_notTested"));
      const wording = describeConnectionCheck(notice.result.outcome);
      return wording.tone === "success" ? status(wording.summary) : { status: null, alert: wording };
    }
  }
}

/**
 * Saved, and tested while saving. A refusal (401, 404) is said next to its field; a test that could
 * not be made (offline, 5xx) is an alert, since nobody knows yet whether the connection works.
 */
function describeSaved(check: ConnectionCheckOutcome, notActive: boolean): NoticeWording {
  const saved = notActive ? `${t("options_saved")} ${t("options_notMadeActive")}` : t("options_saved");
  const refused = check.kind === "token-rejected" || check.kind === "club-not-found";
  return {
    status: saved,
    weigh: notActive,
    alert: connectionCheckPassed(check) || refused ? null : describeConnectionCheck(check),
  };
}
