/**
 * Every route module declares who may reach it in `handle.access` (deny by default:
 * a test walks every route and fails on one that declares nothing).
 * The identity issue adds signed-in and per-station policies beside `public`.
 */
export type AccessPolicy = { kind: "public" };

export const publicAccess: AccessPolicy = { kind: "public" };
