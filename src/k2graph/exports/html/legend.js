/* k2graph graph page, part 3: the legend and the header counts.
   page.py joins dom.js, panel.js, legend.js and main.js into one strict-mode function. */

function shape(kind, fill, stroke, size, dashed) {
  var box = 2 * size + 6;
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", box); svg.setAttribute("height", box);
  var c = box / 2, r = size, item;
  var polygons = {
    square: [[-1, -1], [1, -1], [1, 1], [-1, 1]], diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]],
    triangle: [[0, -1], [1, 0.8], [-1, 0.8]], triangleDown: [[0, 1], [1, -0.8], [-1, -0.8]],
    hexagon: [[1, 0], [0.5, 0.87], [-0.5, 0.87], [-1, 0], [-0.5, -0.87], [0.5, -0.87]],
    box: [[-1, -0.6], [1, -0.6], [1, 0.6], [-1, 0.6]], database: [[-0.8, -1], [0.8, -1], [0.8, 1], [-0.8, 1]],
    star: [[0, -1], [0.24, -0.31], [0.95, -0.31], [0.38, 0.12], [0.59, 0.81], [0, 0.38], [-0.59, 0.81], [-0.38, 0.12], [-0.95, -0.31], [-0.24, -0.31]]
  };
  if (polygons[kind]) {
    item = document.createElementNS(SVG, "polygon");
    item.setAttribute("points", polygons[kind].map(function (p) { return (c + p[0] * r) + "," + (c + p[1] * r); }).join(" "));
  } else {
    item = document.createElementNS(SVG, "circle");
    item.setAttribute("cx", c); item.setAttribute("cy", c); item.setAttribute("r", r);
  }
  item.setAttribute("fill", fill); item.setAttribute("stroke", stroke); item.setAttribute("stroke-width", dashed === "thick" ? 3 : 1.5);
  if (dashed === true) { item.setAttribute("stroke-dasharray", "3 2"); }
  svg.appendChild(item);
  return svg;
}

function line(color, dashed) {
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", 28); svg.setAttribute("height", 10);
  var l = document.createElementNS(SVG, "line");
  [["x1", 1], ["y1", 5], ["x2", 27], ["y2", 5], ["stroke", color], ["stroke-width", 2]].forEach(function (a) { l.setAttribute(a[0], a[1]); });
  if (dashed) { l.setAttribute("stroke-dasharray", "5 3"); }
  svg.appendChild(l);
  return svg;
}

function row(icon, text) { return add(el("div", "k2-row"), icon, el("span", null, text)); }

function drawLegend() {
  var g = data.legend, box = $("k2-legend");
  add(box, el("h3", null, "Claim color: evidence label"));
  g.labels.forEach(function (p) { add(box, row(shape("dot", p[1], "#555", 7), p[0])); });
  add(box, el("h3", null, "Claim size: independent sources"));
  g.sizes.forEach(function (p) { add(box, row(shape("dot", "#bbb", "#555", p[1] / 2), p[0] + (p[0] === 3 ? " or more" : ""))); });
  add(box, el("h3", null, "Source shape: kind"));
  g.shapes.forEach(function (p) { add(box, row(shape(p[1], g.source_color, "#1f3a60", 8), p[0])); });
  add(box, el("h3", null, "Source marks"));
  add(box, row(shape("square", g.source_color, g.commercial_border, 8, "thick"), "orange border, \u201c$\u201d: publisher sells or is affiliated with the product"));
  add(box, row(shape("square", g.source_color, "#1f3a60", 8, true), "dashed border, \u201c\u26a0\u201d: unpublished, preliminary or preprint"));
  add(box, el("h3", null, "Lines"));
  g.edges.forEach(function (p) { add(box, row(line(p[1], p[2]), p[0])); });
  add(box, row(shape("box", g.entity_color, "#8a76b5", 8), "entity (hidden until \u201cshow entities\u201d)"));
  add(box, el("p", "k2-note", "Evidence weights: " + data.evidence_config + ". Positions are fixed at build time."));
}

function describeCounts() {
  var c = data.counts;
  $("k2-counts").textContent = c.sources + " sources, " + c.claims + " claims, " + c.attestations +
    " quotes, " + c.entities + " entities, " + c.conflicts + " conflicts.";
  if (data.defaults.conflicts_only) {
    var note = el("div", "k2-banner", "This graph is large: it opens on the claims in conflict only. Untick \u201cconflicts only\u201d to see every claim.");
    document.body.insertBefore(note, $("k2-main"));
  }
}

