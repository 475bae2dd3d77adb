import { useEffect, useState } from "preact/hooks";

/** What the popup loads right after its first frame: nothing here is needed to type and send. */
type Later = typeof import("./later");

/**
 * Loads ./later once the form is on screen. The popup has a 15 KB gzipped budget for what it loads
 * up front (npm run size); the outcome wording and the recent sends are only needed after the
 * operator has acted, and by then this has long arrived.
 */
export function useAfterFirstFrame(): Later | null {
  const [later, setLater] = useState<Later | null>(null);
  useEffect(() => {
    void import("./later").then(setLater);
  }, []);
  return later;
}
