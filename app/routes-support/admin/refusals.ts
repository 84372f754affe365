import type { IdentityErrorCode } from "~/domain/identity";
import type { Refusal, RefusalTable } from "~/utils/refusal";

/**
 * The words for this feature's refused rules, by error feature and code (ADR 017): accounts,
 * sign-up, passwords and codes, roles, and the county's villages and stations. The not_found
 * codes (PLACE_NOT_FOUND, ACCOUNT_NOT_FOUND) need no words: refuse() answers them with a bare 404.
 */
const IDENTITY: Partial<Record<IdentityErrorCode, Refusal>> = {
  PHONE_TAKEN: { key: "validation.phoneTaken", field: "phone" },
  USERNAME_TAKEN: { key: "validation.usernameTaken", field: "username" },
  WRONG_PASSWORD: { key: "account.wrongCurrentPassword", field: "currentPassword" },
  PASSWORD_CONTAINS_LOGIN: { key: "validation.passwordContainsLogin", field: "password" },
  CODE_INVALID: { key: "auth.codeInvalid", field: "code" },
  ROLE_SCOPE_MISMATCH: { key: "validation.invalid", field: "role" },
  ALREADY_ASSIGNED: { key: "admin.accounts.alreadyAssigned", field: "role" },
  SELF_CHANGE: { key: "admin.accounts.notYourself" },
  ACCOUNT_INACTIVE: { key: "admin.accounts.inactiveNoCode" },
  STATION_CODE_TAKEN: { key: "validation.codeTaken", field: "code" },
  VILLAGE_CODE_TAKEN: { key: "validation.codeTaken", field: "villageCode" },
};

export const ACCOUNT_REFUSALS: RefusalTable = { identity: IDENTITY };
