/** Filled in by its issue; kept exported from index.ts so schema files never collide. */
export {};
