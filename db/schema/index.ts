export * from "./geography";
export * from "./stations";
export * from "./identity";
export * from "./ledger";
export * from "./households";
export * from "./catalog";
