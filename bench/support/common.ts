/**
 * What the benches share: a PostgreSQL URL (they measure PostgreSQL only), a database of their own on
 * that server, a log line stamped with the seconds since start, and a small deterministic generator so
 * two runs load the same history.
 */
export function requirePostgres(usage: string): { url: string; withDb: (name: string) => string } {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(usage);
    process.exit(1);
  }
  return {
    url,
    withDb: (name: string) => {
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}

export function stopwatch(pad = 6) {
  const started = performance.now();
  const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);
  const log = (line: string) => console.log(`[${seconds(started).padStart(pad)} s] ${line}`);
  return { started, seconds, log };
}

/** mulberry32: a fixed seed gives the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
