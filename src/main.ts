import './ui/style.css';
import './share/share.css';
import { createBrowserEngineClient } from './parallel/browserClient';
import { createBrowserResearchPool } from './parallel/researchPool';
import { createApp } from './ui/app';

// The engine runs in workers (src/parallel/): a coordinator worker and block workers, with shared
// memory when the page is cross-origin isolated and transferred buffers otherwise. Ensembles,
// sweeps and the benchmark run on research workers (src/parallel/researchPool.ts).
const root = document.querySelector<HTMLDivElement>('#app');
if (root)
  createApp(root, { createClient: createBrowserEngineClient, createResearchPool: createBrowserResearchPool });
