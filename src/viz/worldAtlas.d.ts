// world-atlas ships its TopoJSON as plain JSON, which TypeScript would type literally (every arc
// as number[][]); the country layer is read as the TopoJSON type it is.
declare module 'world-atlas/countries-50m.json' {
  const topology: import('./worldMap.ts').CountriesTopology;
  export default topology;
}
