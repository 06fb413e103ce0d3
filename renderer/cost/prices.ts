/**
 * The bundled price tables (Vite inlines the JSON: the app fetches nothing at run time).
 */
import type { PriceTable, PricedRegion } from "../../core/cost";
import apSoutheast2 from "../../resources/pricing/ap-southeast-2.json";
import euCentral1 from "../../resources/pricing/eu-central-1.json";
import euWest1 from "../../resources/pricing/eu-west-1.json";
import usEast1 from "../../resources/pricing/us-east-1.json";
import usWest2 from "../../resources/pricing/us-west-2.json";

const TABLES: Record<PricedRegion, PriceTable> = {
  "us-east-1": usEast1 as PriceTable,
  "us-west-2": usWest2 as PriceTable,
  "eu-west-1": euWest1 as PriceTable,
  "eu-central-1": euCentral1 as PriceTable,
  "ap-southeast-2": apSoutheast2 as PriceTable,
};

/** The table for a region; regions without a table fall back to us-east-1 (the panel says so). */
export function priceTableFor(region: string): { table: PriceTable; exact: boolean } {
  const table = TABLES[region as PricedRegion];
  return table ? { table, exact: true } : { table: TABLES["us-east-1"], exact: false };
}

export const REGION_CHOICES = (Object.keys(TABLES) as PricedRegion[]).map((region) => ({ region, name: TABLES[region].regionName }));
