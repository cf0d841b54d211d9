/**
 * Which of the page's costly sections are on screen (or within NEAR_SCREEN_PX of it), so the
 * frame loop draws those first and leaves the others for later: at the end of a run the frame
 * that says "Done" need not carry the charts, the Sankey and the research tables below the
 * fold, and during a fast run the page draws nothing nobody can see.
 */

/** How close to the viewport a section counts as on screen, px (it is about to be seen). */
const NEAR_SCREEN_PX = 200;

export interface ViewVisibility {
  /** Watches `element` (a section of the page). */
  watch(element: Element): void;
  /** Whether `element` is on screen or near it; true until known (and where the browser cannot tell). */
  onScreen(element: Element): boolean;
  dispose(): void;
}

/** `appeared`: called when a watched section comes on screen (it may have months to draw). */
export function createViewVisibility(appeared: () => void): ViewVisibility {
  const seen = new WeakMap<Element, boolean>();
  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            let came = false;
            for (const entry of entries) {
              if (entry.isIntersecting && seen.get(entry.target) === false) came = true;
              seen.set(entry.target, entry.isIntersecting);
            }
            if (came) appeared();
          },
          { rootMargin: `${NEAR_SCREEN_PX}px` },
        )
      : null;
  return {
    watch(element) {
      observer?.observe(element);
    },
    onScreen: (element) => seen.get(element) ?? true,
    dispose() {
      observer?.disconnect();
    },
  };
}
