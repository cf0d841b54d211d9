import './ui/style.css';
import { createApp } from './ui/app';
import { createSingleWorkerClient } from './ui/singleWorkerClient';

// The engine client: swap in the parallel engine's client here when it lands (same interface).
const root = document.querySelector<HTMLDivElement>('#app');
if (root) createApp(root, { createClient: createSingleWorkerClient });
