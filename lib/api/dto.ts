/**
 * The JSON shapes of the HTTP API, shared by the server (lib/server builds them) and the browser (components
 * read them). Types only, one file per area under lib/api/dto/; importers take them from here.
 */
export * from '@/lib/api/dto/data';
export * from '@/lib/api/dto/validation';
export * from '@/lib/api/dto/runs';
export * from '@/lib/api/dto/registry';
export * from '@/lib/api/dto/scoring';
export * from '@/lib/api/dto/dashboards';
export * from '@/lib/api/dto/monitoring';
