import type { RefusalTable } from "~/utils/refusal";

/** The words for this feature's refused rules, by error feature and code (ADR 017). */
export const COMMITTEE_REFUSALS: RefusalTable = {};
