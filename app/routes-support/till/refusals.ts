import { formatMoney } from "~/domain/money";
import type { TillErrorCode } from "~/domain/till";
import type { Refusal, RefusalTable } from "~/utils/refusal";
import { LEDGER_REFUSALS } from "../ledger/refusals";

/**
 * The words for the till's refused rules (ADR 017): sales, returns, cash sessions and payouts
 * to households. Every till refusal shows at the top of the form. A code without words does
 * not compile.
 */
const TILL: Record<TillErrorCode, Refusal> = {
  EMPTY_SALE: { key: "till.error.empty" },
  PRODUCT_UNAVAILABLE: { key: "till.error.unavailable" },
  PARTNER_UNSUPPORTED: { key: "till.error.partner" },
  TENDER_TOO_LOW: { key: "till.error.tender" },
  REFERENCE_REQUIRED: { key: "till.error.reference" },
  SESSION_REQUIRED: { key: "till.error.sessionRequired" },
  SESSION_OPEN: { key: "till.error.sessionOpen" },
  SESSION_CLOSED: { key: "till.error.sessionClosed" },
  // The till has always answered these in the form (422), never with a bare 404.
  SESSION_NOT_FOUND: { key: "till.error.sessionNotFound", kind: "rule" },
  SALE_NOT_FOUND: { key: "till.error.saleNotFound", kind: "rule" },
  VOID_SAME_DAY: { key: "till.error.voidSameDay" },
  NOTHING_TO_RETURN: { key: "till.error.nothingToReturn" },
  RETURN_TOO_LARGE: { key: "till.error.returnTooLarge" },
  REASON_REQUIRED: { key: "till.error.reason" },
  PAYOUT_ABOVE_OWED: { key: "till.error.aboveOwed" },
  DRAWER_SHORT: {
    key: "till.error.drawerShort",
    vars: (error, lang) => {
      const available = error.details.available;
      return { available: typeof available === "string" ? formatMoney(available, lang) : "—" };
    },
  },
  HOUSEHOLD_NOT_FOUND: { key: "till.error.householdNotFound", kind: "rule" },
  KEY_REUSED: { key: "till.error.key" },
};

export const TILL_REFUSALS: RefusalTable = { till: TILL };

/**
 * The till's screens (sale, receipt, cash session, payout) word other features' refusals their
 * own way, at the top of the form: too little stock or a product gone is a conflict (409), a bad
 * quantity a rule (422); a journal the ledger refuses in the ledger's words, a closed month as a
 * conflict (409) and anything else as a rule (422).
 */
export const TILL_SCREEN_REFUSALS: RefusalTable = {
  stock: { "*": { key: "till.error.stock", field: "form", kind: "conflict" } },
  goods: { "*": { key: "till.error.unavailable", field: "form", kind: "conflict" } },
  units: { "*": { key: "till.error.quantity", field: "form", kind: "rule" } },
  ledger: Object.fromEntries(
    Object.entries(LEDGER_REFUSALS.ledger ?? {}).map(([code, refusal]) => [code, refusal && { ...refusal, field: "form", kind: code === "PERIOD_CLOSED" ? "conflict" : "rule" }]),
  ),
};
