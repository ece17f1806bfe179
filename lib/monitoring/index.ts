/** Drift statistics, the false-alarm check and SLO arithmetic (pure, browser-safe). */
export * from './stats';
export * from './drift';
export * from './false-alarm';
export * from './slo';
export * from './alert-rules';
export * from './realized';
export * from './ip-class';
