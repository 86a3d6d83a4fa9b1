// An offline map of the province and its candidates: Leaflet (vendored) over Natural
// Earth country outlines (world-atlas TopoJSON, vendored) drawn as a GeoJSON layer.
// No tile layer, nothing from the network but this product's own files.
"use strict";

const MAP_I18N = {
  vi: { mapTitle: "Bản đồ: tỉnh và các đối tác được gợi ý", mapNoPlace: "chưa rõ vị trí", mapProvince: "tỉnh đã chọn" },
  en: { mapTitle: "Map: the province and its suggested partners", mapNoPlace: "place unknown", mapProvince: "chosen province" },
};
Object.keys(MAP_I18N).forEach((lang) => Object.assign(I18N[lang], MAP_I18N[lang]));

const OUTLINES_URL = "/static/vendor/world-atlas/countries-110m.json";
const mapState = { map: null, outlines: null, markers: null, loading: null };

async function loadOutlines() {
  if (!mapState.loading) {
    mapState.loading = fetch(OUTLINES_URL)
      .then((r) => r.json())
      .then((topo) => topojson.feature(topo, topo.objects.countries));
  }
  return mapState.loading;
}

async function ensureMap() {
  if (mapState.map) return mapState.map;
  const map = L.map("map", { worldCopyJump: false, minZoom: 1, maxZoom: 8, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  map.setView([16, 106], 3);
  mapState.map = map;
  mapState.markers = L.layerGroup().addTo(map);
  const outlines = await loadOutlines();
  L.geoJSON(outlines, {
    interactive: false,
    style: { color: "#8a9bb0", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map).bringToBack();
  return map;
}

function marker(lat, lon, options, label) {
  const m = L.circleMarker([lat, lon], options);
  // a tooltip's content given as a DOM node stays text (no HTML parsing)
  m.bindTooltip(el("span", label));
  return m;
}

// Draw the province (red) and the candidates with a known place (blue, numbered by
// rank in their tooltip); fit the view to them.
async function showMap(province, results) {
  const box = $("map-box");
  box.hidden = false;
  $("map-h").textContent = t("mapTitle");
  const map = await ensureMap();
  map.invalidateSize();
  mapState.markers.clearLayers();
  const points = [];
  results.forEach((rec, i) => {
    if (rec.lat === null || rec.lat === undefined) return;
    const km = rec.distance_km === null ? "" : ` · ${Math.round(rec.distance_km)} km`;
    marker(rec.lat, rec.lon, { radius: 5, color: "#1b4f8a", weight: 1, fillColor: "#2f6fb3", fillOpacity: 0.85, className: "candidate-marker" },
      `${i + 1}. ${rec.name} (${rec.country})${km}`).addTo(mapState.markers);
    points.push([rec.lat, rec.lon]);
  });
  if (province && province.lat !== null && province.lat !== undefined) {
    marker(province.lat, province.lon, { radius: 8, color: "#7a1711", weight: 2, fillColor: "#b3261e", fillOpacity: 1, className: "province-marker" },
      `${province.name} — ${t("mapProvince")}`).addTo(mapState.markers);
    points.push([province.lat, province.lon]);
  }
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 6 });
}

function hideMap() {
  if (mapState.markers) mapState.markers.clearLayers();
  $("map-box").hidden = true;
}
