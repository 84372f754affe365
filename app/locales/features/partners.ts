/** Strings for partners; zh is the source, en must carry the same keys (the compiler checks). */
const zh = {
} as const;

const en = {
} as const satisfies Record<keyof typeof zh, string>;

export const partnersMessages = { zh, en };
