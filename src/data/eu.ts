/**
 * The EU's nodes: the members that attended the Ministerial on their own, and 'EUR' for the
 * others. Its own module because both the nodes (nodes.ts) and the agreements the EU signs for
 * its members (agreements.ts, which nodes.ts reads) use it.
 */

/** The 13 EU members that attended on their own. */
export const EU_ATTENDING: readonly string[] = [
  'BEL',
  'CZE',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'ITA',
  'LTU',
  'NLD',
  'POL',
  'ROU',
  'SWE',
];

/** The EU's nodes: 'EUR' (the members that did not attend) and the 13 that did. */
export const EU_NODE_CODES: readonly string[] = ['EUR', ...EU_ATTENDING];
