/** Business dashboards (issue J): revenue at risk, segments, retention targeting, reasons in plain words. */
export * from './columns';
export * from './revenue';
export * from './segments';
export * from './targeting';
export * from './reasons';
export * from './records';
