/**
 * What every research tab is and what it is given: the panel (researchSection.ts) makes the tabs
 * and draws the visible one; the tabs import these types from here, not from the panel, so the
 * panel and its tabs form no import circle.
 */
import type { ResearchPool } from '../../parallel/researchPool.ts';
import type { AppState, Store } from '../store.ts';

export interface ResearchTab {
  id: string;
  label: string;
  element: HTMLElement;
  /** Called every frame; draws only when visible and something it shows changed. */
  update(state: AppState, visible: boolean): void;
  dispose?(): void;
}

export interface ResearchContext {
  store: Store;
  mineralName(id: string): string;
  /** Makes a pool of research workers (src/parallel/researchPool.ts); absent, jobs say so. */
  createPool?: (size: number) => ResearchPool;
}
