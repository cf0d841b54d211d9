/** Browser block worker (a module worker started by the coordinator worker). */
import { expose } from 'comlink';
import { createBlockWorker } from '../src/parallel/blockWorker.ts';

expose(createBlockWorker());
