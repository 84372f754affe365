export * from "./geography";
export * from "./stations";
