import type { StationWithGoods, StationWithGoodsRequest } from "./factory-server";

/** The spec side of the e2e factories (ADR 020): asks the e2e server to make a station of the spec's own. */
const FACTORY_URL = `http://127.0.0.1:${process.env.E2E_FACTORY_PORT ?? "3199"}`;

async function make<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${FACTORY_URL}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`factory ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A station of its own with an operator, a household and one stocked product (金银花 at ¥40.00/斤, 12 %, 50 斤 unless told). */
export function makeStationWithGoods(request: StationWithGoodsRequest = {}): Promise<StationWithGoods> {
  return make("/station-with-goods", request);
}

/** Every Chinese text the e2e server's database holds as data (names, addresses, notes): see dataStrings in factory-server.ts. */
export async function dataStrings(): Promise<string[]> {
  const response = await fetch(`${FACTORY_URL}/data-strings`);
  if (response.status !== 200) throw new Error(`factory /data-strings answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as string[];
}
