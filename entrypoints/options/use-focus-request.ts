import { useEffect, useState } from "preact/hooks";

/**
 * Moves focus to an element by id once the page has re-rendered: after an action removes the
 * button that started it (Make active, Delete) or opens another part of the page (Edit), focus
 * goes where the operator continues rather than to the top of the page.
 */
export function useFocusRequest(): (id: string) => void {
  const [request, setRequest] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (request === null) return;
    document.getElementById(request.id)?.focus();
    setRequest(null);
  }, [request]);
  // A fresh object each time, so asking twice for the same element focuses it twice.
  return (id: string) => setRequest({ id });
}
