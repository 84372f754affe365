export * from "./geography";
export * from "./stations";
export * from "./identity";
