import type { ClubSummary } from "@/utils/send-outcome";

/**
 * The clubs whose name or slug contains what was typed, ignoring case and accents ("kjop" finds
 * "Kjøpesenter" only through its slug, since ø is a letter of its own). Empty text keeps them all.
 */
export function filterClubs(clubs: readonly ClubSummary[], text: string): ClubSummary[] {
  const query = fold(text);
  if (query === "") return [...clubs];
  return clubs.filter((club) => fold(club.name).includes(query) || club.slug.includes(query));
}

/** Lower case without combining accents, so "helsinki" finds "Helsínki" and "HARB" finds "Harbour". */
function fold(text: string): string {
  return text.trim().normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
