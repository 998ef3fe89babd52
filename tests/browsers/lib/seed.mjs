// The seed facts of the Chromium suite (tests/e2e/seed.ts), stated there once. That file holds
// only plain `export const`s, valid JavaScript, so Node (which cannot load .ts here) reads it as
// a JavaScript module; a type annotation added there would fail this import loudly.
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../../e2e/seed.ts", import.meta.url), "utf8");
const seed = await import(`data:text/javascript,${encodeURIComponent(source)}`);

export const { CONTOSO, CONTOSO_USERS, E3, E5_COMPLIANCE, EMS, EXCHANGE_P1, EXCHANGE_P2, EXCHANGE_P2_SKU } = seed;
export const { TEAMS_PHONE, POWER_BI, PROJECT } = seed;
