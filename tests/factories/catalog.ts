import type { Db } from "../../db/client.server";
import { households } from "../../db/schema/index";
import { parsePrice } from "../../app/domain/catalog";
import { D } from "../../app/domain/money";
import type { Station } from "../../app/models/stations/geography.server";
import { createHousehold, type Household, type HouseholdInput } from "../../app/models/households/households.server";
import { createProduct, type Product, type ProductInput } from "../../app/models/catalog/products.server";
import { receiveGoods } from "../../app/models/catalog/stock.server";

let sequence = 0;
const next = () => `${++sequence}`.padStart(3, "0");

/** A household of the station, paid in cash unless told otherwise. */
export async function makeHousehold(db: Db, station: Station, overrides: Partial<HouseholdInput> = {}): Promise<Household> {
  const n = next();
  return createHousehold(db, {
    actorUserId: null,
    stationId: station.id,
    input: {
      headName: `农户${n}`,
      villageGroup: "3组",
      phone: "",
      paymentMethod: "cash",
      paymentAccount: "",
      paymentInstitution: "",
      notes: "",
      ...overrides,
    },
  });
}

type ProductOverrides = Partial<Omit<ProductInput, "price" | "commissionRate">> & { price?: string; commissionRate?: string | null; status?: "draft" | "listed" | "archived" };

/**
 * A listed product of the station. Owned by `household` when one is given (made for it if
 * `ownerKind` is household and none is), else by the collective.
 */
export async function makeProduct(db: Db, station: Station, { status = "listed", price = "12.50", commissionRate = null, ...overrides }: ProductOverrides = {}): Promise<Product> {
  const n = next();
  const ownerKind = overrides.ownerKind ?? (overrides.householdId ? "household" : "collective");
  const householdId = ownerKind === "household" ? (overrides.householdId ?? (await makeHousehold(db, station)).id) : null;
  return createProduct(db, {
    actorUserId: null,
    stationId: station.id,
    status,
    input: {
      nameZh: `商品${n}`,
      nameEn: `Product ${n}`,
      descriptionZh: "",
      descriptionEn: "",
      category: "produce",
      unit: "jin",
      originZh: "",
      originEn: "",
      harvestedOn: null,
      shelfLifeDays: null,
      partnerId: null,
      ...overrides,
      ownerKind,
      householdId,
      price: parsePrice(price),
      commissionRate: commissionRate === null ? null : new D(commissionRate),
    },
  });
}

/** Receives `quantity` of a product through the stock model (a receipt when a household owns it). */
export async function receive(db: Db, product: Product, quantity: string) {
  return receiveGoods(db, { actorUserId: null, stationId: product.stationId, productId: product.id, quantity: new D(quantity) });
}

/**
 * Households with fixed ids, for ledger tests that name sub-ledger parties by constant ids:
 * the ledger refuses a household posting that names no household of the station.
 */
export async function makeHouseholdsWithIds(db: Db, stationId: string, ids: readonly string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await db.insert(households).values({ id, stationId, headName: `农户${i + 1}` }).onConflictDoNothing();
  }
}
