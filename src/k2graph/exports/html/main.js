/* k2graph graph page, part 4: the network, the filters, and start-up.
   page.py joins dom.js, panel.js, legend.js and main.js into one strict-mode function. */
var nodes = new vis.DataSet(data.nodes.map(withTooltip));
var edges = new vis.DataSet(data.edges.map(withTooltip));
var options = {
  physics: false,
  layout: { improvedLayout: false, randomSeed: data.layout_seed },
  interaction: {
    hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false,
    hideEdgesOnDrag: data.defaults.large, hideEdgesOnZoom: data.defaults.large
  },
  /* Claim labels (12px) appear once zoomed in enough to read them; source labels (34px) sooner. */
  nodes: { font: { size: 12, face: "system-ui, sans-serif" }, borderWidth: 1, scaling: { label: { drawThreshold: 7 } } },
  edges: { smooth: false, width: 1, selectionWidth: 2, font: { size: 11, align: "middle" } }
};
var network = new vis.Network($("k2-canvas"), { nodes: nodes, edges: edges }, options);

var api = {
  ready: false, network: network, nodes: nodes, edges: edges, data: data,
  select: select, selectConflict: selectConflict, visibleNodeIds: visibleNodeIds,
  applyFilters: applyFilters, state: null
};
window.k2graph = api;
network.once("afterDrawing", function () {
  api.timing = { script: started, ready: window.performance ? performance.now() : 0 };
  api.ready = true;
  document.body.setAttribute("data-k2-ready", "true");
});

network.on("click", function (params) {
  if (params.nodes.length) { select(params.nodes[0]); return; }
  var edge = params.edges.length ? edges.get(params.edges[0]) : null;
  if (edge && edge.kind === "conflict") { selectConflict(edge.conflict); }
});

/* Filters: a claim is shown when it passes every control; a source or an entity when a shown
   claim links to it (or nothing narrows the view). */
var state = {
  q: "", source: "", predicate: "", label: "",
  conflictsOnly: Boolean(data.defaults.conflicts_only), entities: false, pinned: null
};
api.state = state;
var lowered = {};
Object.keys(details).forEach(function (id) {
  lowered[id] = String(details[id].search || "").toLowerCase();
});

function claimPasses(id, d, q) {
  return (!state.source || d.sources.indexOf(state.source) >= 0) &&
    (!state.predicate || d.predicate === state.predicate) &&
    (!state.label || d.label === state.label) &&
    (!state.conflictsOnly || d.conflicts.length > 0) &&
    (!q || lowered[id].indexOf(q) >= 0);
}

function wanted() {
  var q = state.q.trim().toLowerCase();
  var narrowed = Boolean(q || state.source || state.predicate || state.label || state.conflictsOnly);
  var show = {};
  nodes.forEach(function (n) {
    if (n.kind === "claim") { show[n.id] = claimPasses(n.id, details[n.id], q); }
  });
  nodes.forEach(function (n) {
    var d = details[n.id];
    var linked = (d.claims || []).some(function (c) { return show[c]; });
    if (n.kind === "source") {
      show[n.id] = !narrowed || linked;
    } else if (n.kind === "entity") {
      show[n.id] = state.entities && (!narrowed || linked || Boolean(q && lowered[n.id].indexOf(q) >= 0));
    }
  });
  if (state.pinned) { show[state.pinned] = true; }
  return show;
}

function applyFilters() {
  var show = wanted();
  var nodeChanges = [];
  nodes.forEach(function (n) {
    if (Boolean(n.hidden) === show[n.id]) { nodeChanges.push({ id: n.id, hidden: !show[n.id] }); }
  });
  var edgeChanges = [];
  edges.forEach(function (e) {
    var visible = show[e.from] && show[e.to] && (e.kind !== "entity" || state.entities);
    if (Boolean(e.hidden) === Boolean(visible)) { edgeChanges.push({ id: e.id, hidden: !visible }); }
  });
  nodes.update(nodeChanges);
  edges.update(edgeChanges);
  var claims = 0;
  Object.keys(show).forEach(function (id) { if (show[id] && details[id].type === "claim") { claims++; } });
  $("k2-showing").textContent = "showing " + claims + " of " + data.counts.claims + " claims";
  return claims;
}

function visibleNodeIds() {
  return nodes.getIds({ filter: function (n) { return !n.hidden; } });
}

function fillSelect(select, entries) {
  entries.forEach(function (entry) {
    var option = document.createElement("option");
    option.value = Array.isArray(entry) ? entry[0] : entry;
    option.textContent = Array.isArray(entry) ? entry[1] : String(entry).replace(/_/g, " ");
    select.appendChild(option);
  });
}

function bindControls() {
  fillSelect($("k2-source"), data.filters.sources);
  fillSelect($("k2-predicate"), data.filters.predicates);
  fillSelect($("k2-label"), data.filters.labels);
  var bindings = [
    ["k2-search", "input", "q", "value"], ["k2-source", "change", "source", "value"],
    ["k2-predicate", "change", "predicate", "value"], ["k2-label", "change", "label", "value"],
    ["k2-conflicts", "change", "conflictsOnly", "checked"], ["k2-entities", "change", "entities", "checked"]
  ];
  bindings.forEach(function (b) {
    var control = $(b[0]);
    control[b[3]] = state[b[2]];
    control.addEventListener(b[1], function () {
      state[b[2]] = control[b[3]];
      state.pinned = null;
      applyFilters();
    });
  });
  $("k2-search").addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var first = visibleNodeIds().filter(function (id) { return details[id].type === "claim"; })[0];
    if (first) { select(first); }
  });
  $("k2-reset").addEventListener("click", function () {
    Object.assign(state, { q: "", source: "", predicate: "", label: "", conflictsOnly: false, entities: false, pinned: null });
    bindings.forEach(function (b) { $(b[0])[b[3]] = state[b[2]]; });
    applyFilters();
    fitVisible();
  });
  $("k2-fit").addEventListener("click", fitVisible);
}

function fitVisible() {
  network.fit({ nodes: visibleNodeIds(), animation: false });
}

drawLegend();
describeCounts();
bindControls();
applyFilters();
fitVisible();
