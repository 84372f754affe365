import { accountsMessages } from "./features/accounts";
import { auditMessages } from "./features/audit";
import { commonMessages } from "./features/common";
import { committeeMessages } from "./features/committee";
import { goodsMessages } from "./features/goods";
import { ledgerMessages } from "./features/ledger";
import { marketMessages } from "./features/market";
import { ordersMessages } from "./features/orders";
import { partnerPortalMessages } from "./features/partner-portal";
import { partnersMessages } from "./features/partners";
import { paymentsMessages } from "./features/payments";
import { reportsMessages } from "./features/reports";
import { reportsSourcesMessages } from "./features/reports-sources";
import { scanMessages } from "./features/scan";
import { tillMessages } from "./features/till";

/**
 * The source dictionary: every user-facing string, in Simplified Chinese (ADR 004). Each
 * feature keeps its strings in one file of app/locales/features/ with both languages side by
 * side (`{ zh, en }`); this file and en.ts only put them together. Keys are dotted by page or
 * component, `{name}` marks a value filled in at run time, and key prefixes never overlap
 * between files (a unit test checks).
 */
export const FEATURE_DICTIONARIES = [
  commonMessages,
  accountsMessages,
  goodsMessages,
  marketMessages,
  ledgerMessages,
  tillMessages,
  scanMessages,
  ordersMessages,
  paymentsMessages,
  partnersMessages,
  partnerPortalMessages,
  committeeMessages,
  reportsMessages,
  reportsSourcesMessages,
  auditMessages,
] as const;

export const zhCN = {
  ...commonMessages.zh,
  ...accountsMessages.zh,
  ...goodsMessages.zh,
  ...marketMessages.zh,
  ...ledgerMessages.zh,
  ...tillMessages.zh,
  ...scanMessages.zh,
  ...ordersMessages.zh,
  ...paymentsMessages.zh,
  ...partnersMessages.zh,
  ...partnerPortalMessages.zh,
  ...committeeMessages.zh,
  ...reportsMessages.zh,
  ...reportsSourcesMessages.zh,
  ...auditMessages.zh,
} as const;

export type MessageKey = keyof typeof zhCN;
