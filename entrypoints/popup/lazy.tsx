import type { ComponentType, FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A component whose code loads when it is first on screen, rendering nothing until then. For the
 * parts of the popup an operator does not need to type and send (the outcome's words, the
 * pre-check, the switcher, the recent sends): they stay out of the up-front bytes (npm run size),
 * and they arrive within milliseconds of the first frame, long before anything is sent.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | undefined>(() => loaded);
    // A plain effect: it runs after the form is painted, so the field never waits for this code.
    useEffect(() => {
      if (Loaded) return;
      loading ??= load().then((component) => {
        loaded = component;
        return component;
      });
      loading.then((component) => setLoaded(() => component), console.error);
    }, [Loaded]);
    return Loaded ? <Loaded {...props} /> : null;
  };
}
