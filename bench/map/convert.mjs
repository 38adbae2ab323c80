// Turns world-atlas's countries-110m TopoJSON into one SVG path per country, in an equirectangular
// projection onto a 720 x 360 box (x = longitude + 180, y = 90 - latitude, both times 2), written to
// crates/serve/assets/world.csv (m49 code, name, path). Run once when the shapes are updated.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries).features;

// A ring that crosses the antimeridian (Fiji, Chukotka) spans more than half the map: its western
// points are moved one map-width east, so it is drawn whole at the right edge and clipped there.
const ring = (coordinates) => {
  const xy = coordinates.map(([lon, lat]) => [(lon + 180) * 2, (90 - lat) * 2]);
  const xs = xy.map(([x]) => x);
  const wraps = Math.max(...xs) - Math.min(...xs) > 360;
  const moved = wraps ? xy.map(([x, y]) => [x < 360 ? x + 720 : x, y]) : xy;
  return "M" + moved.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L") + "Z";
};
const polygons = (geometry) =>
  geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];

const quote = (text) => `"${String(text).replace(/"/g, '""')}"`;
const rows = ["m49,name,path"];
for (const country of countries) {
  if (!country.id || !country.geometry) continue;
  const path = polygons(country.geometry)
    .flatMap((rings) => rings.map(ring))
    .join("");
  rows.push([country.id, quote(country.properties.name), quote(path)].join(","));
}
writeFileSync(new URL("../../crates/serve/assets/world.csv", import.meta.url), rows.join("\n") + "\n");
console.log(`${rows.length - 1} countries`);
