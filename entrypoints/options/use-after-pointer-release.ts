import { useEffect, useRef } from "preact/hooks";

/** How long a press may last before waiting work runs anyway (a release outside the window). */
const LONGEST_PRESS_MS = 2_000;

/**
 * Runs work that changes the layout only once no mouse button or finger is pressed. Leaving a field
 * by clicking a button below it starts that work on mousedown; if the page grew a line before the
 * mouseup, the button would move away from the pointer and the click would be lost.
 */
export function useAfterPointerRelease(): (work: () => void) => void {
  const pressed = useRef(false);
  const waiting = useRef<Array<() => void>>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = () => {
    clearTimeout(timer.current);
    pressed.current = false;
    const work = waiting.current.splice(0);
    for (const run of work) run();
  };

  useEffect(() => {
    const down = () => {
      pressed.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, LONGEST_PRESS_MS);
    };
    // After the click that follows the release, so the click lands where it was aimed.
    const up = () => setTimeout(flush, 0);
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
      clearTimeout(timer.current);
    };
  }, []);

  return (work) => {
    if (pressed.current) waiting.current.push(work);
    else work();
  };
}
