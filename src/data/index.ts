/** The project's data: nodes, agreements, minerals, calibration figures and their sources. */
export * from './agreements';
export * from './calibration';
export * from './minerals';
export * from './nodes';
export * from './sources';
export type * from './types';
