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
import type { MessageKey } from "./zh-CN";

/** The English dictionary: each feature file's `en`, with exactly zh-CN's keys (the compiler checks). */
export const en = {
  ...commonMessages.en,
  ...accountsMessages.en,
  ...goodsMessages.en,
  ...marketMessages.en,
  ...ledgerMessages.en,
  ...tillMessages.en,
  ...scanMessages.en,
  ...ordersMessages.en,
  ...paymentsMessages.en,
  ...partnersMessages.en,
  ...partnerPortalMessages.en,
  ...committeeMessages.en,
  ...reportsMessages.en,
  ...reportsSourcesMessages.en,
  ...auditMessages.en,
} as const satisfies Record<MessageKey, string>;
