// The vocabulary of a figure, in one place: units (labels, dimension, base units), qualifiers, review
// statuses, provenances and roles (codes.ts), date precisions and periods (dates.ts), place levels and codes
// (places.ts), metrics and how their figures may be aggregated (metrics.ts, server-only: it reads the
// taxonomy), the effective (reviewed) figure (effective.ts) and how values are written (format.ts).
// Client components import the client-safe files directly (everything but metrics.ts).
export * from './codes';
export * from './dates';
export * from './effective';
export * from './format';
export * from './metrics';
export * from './places';
export * from './units';
export * from './facets';
