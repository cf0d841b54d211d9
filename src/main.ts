import './ui/style.css';
import { createApp } from './ui/app';

const root = document.querySelector<HTMLDivElement>('#app');
if (root) createApp(root);
