/* k2graph graph page, part 2: the side panel.
   page.py joins dom.js, panel.js, legend.js and main.js into one strict-mode function. */

var panel = $("k2-panel");

function link(text, target, onClick) {
  var button = el("button", "k2-link", text);
  button.type = "button";
  button.setAttribute("data-target", target);
  button.addEventListener("click", onClick || function () { select(target); });
  return button;
}

function fields(pairs) {
  var list = el("dl", "k2-fields");
  pairs.forEach(function (pair) {
    if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
    add(list, el("dt", null, pair[0]), add(el("dd"), pair[1]));
  });
  return list;
}

function badge(label) {
  var span = el("span", "k2-badge", label);
  var colors = {};
  data.legend.labels.forEach(function (pair) { colors[pair[0]] = pair[1]; });
  span.style.background = colors[label] || "#eee";
  return span;
}

function score(value) { return value === null || value === undefined ? "unscored" : Number(value).toFixed(2); }

function quote(att) {
  var block = el("blockquote", "k2-quote");
  add(block, el("span", "k2-context", (att.prefix ? "\u2026" : "") + att.prefix), el("mark", "k2-exact", att.exact),
    el("span", "k2-context", att.suffix + (att.suffix ? "\u2026" : "")));
  return block;
}

function factorTable(strength) {
  var table = el("table", "k2-factors");
  add(table, add(el("tr"), el("th", null, "factor"), el("th", null, "why"), el("th", null, "+/\u2212")));
  strength.factors.forEach(function (f) {
    var value = Number(f[2]);
    var cell = el("td", "k2-num " + (value > 0 ? "k2-plus" : value < 0 ? "k2-minus" : ""),
      (value > 0 ? "+" : value < 0 ? "\u2212" : "\u00b1") + Math.abs(value).toFixed(2));
    add(table, add(el("tr"), el("td", null, f[0]), el("td", null, f[1]), cell));
  });
  add(table, add(el("tr"), el("th", null, "score"), el("th", null, strength.label), el("td", "k2-num", score(strength.score))));
  return table;
}

function attestation(att) {
  var box = el("div", "k2-att");
  add(box, fields([
    ["source", link(att.source_title, att.source)],
    ["speaker", att.speaker + (att.speaker_description ? " \u2014 " + att.speaker_description : "")],
    ["says it", att.modality + ", resting on " + att.basis + (att.work ? ": " + att.work : "")],
    ["line", String(att.line)], ["note", att.note]
  ]), quote(att));
  if (att.strength) { add(box, el("div", null, "Evidence score " + score(att.strength.score) + " (" + att.strength.label + "), because:"), factorTable(att.strength)); }
  return box;
}

function conflictBox(cid, fromClaim) {
  var c = data.conflicts[cid];
  var box = el("div", "k2-conflict");
  add(box, el("strong", null, c.kind.replace(/_/g, " ") + " \u2014 " + c.severity + " severity"), el("p", null, c.explanation));
  ["a", "b"].forEach(function (side) {
    var s = c[side];
    var mark = s.claim === fromClaim ? " (this claim)" : "";
    add(box, add(el("div"), "side " + side + mark + ": ", link(s.text, s.claim), " \u2014 " + score(s.score) + (s.label ? " " + s.label : "")));
  });
  add(box, el("p", "k2-note", "favours " + (c.favours ? "side " + c.favours : "neither side") + ": " + c.favours_why),
    el("p", "k2-note", "found by: " + c.detected_by.join(", ")));
  return box;
}

function claimList(ids) {
  var list = el("ul", "k2-list");
  ids.forEach(function (id) { add(list, add(el("li"), link(details[id].text, id))); });
  return list;
}

var views = {
  claim: function (id, d) {
    var parts = [add(el("h2", null, "Claim "), badge(d.label)), el("p", "k2-claim-text", d.text),
      fields([["subject", d.subject ? link(d.subject[1], d.subject[0]) : null], ["predicate", d.predicate.replace(/_/g, " ") + (d.negated ? " (negated)" : "")],
        ["object", d.object ? link(d.object[1], d.object[0]) : null], ["quantity", d.quantity]].concat(d.qualifiers)),
      el("h3", null, "Evidence"),
      el("p", null, "score " + score(d.score) + " (" + d.label + "), from " + d.origins.length + " independent source(s)"),
      el("p", "k2-note", "independent origins: " + (d.origins.join(", ") || "none")),
      el("p", "k2-note", "rule: " + data.claim_rules.join("; ")),
      el("h3", null, "Quoted in " + d.attestations.length + " place(s)")];
    d.attestations.forEach(function (att) { parts.push(attestation(att)); });
    parts.push(el("h3", null, "Conflicts (" + d.conflicts.length + ")"));
    d.conflicts.forEach(function (cid) { parts.push(conflictBox(cid, id)); });
    return parts;
  },
  source: function (id, d) {
    return [el("h2", null, "Source"), el("p", "k2-claim-text", d.title), fields(d.meta),
      el("h3", null, "Claims it states (" + d.claims.length + ")"), claimList(d.claims)];
  },
  entity: function (id, d) {
    return [el("h2", null, "Entity"), el("p", "k2-claim-text", d.name),
      fields([["type", d.entity_type], ["synonyms", d.synonyms.join(", ")], ["identifiers", d.xrefs.join(", ")], ["about", d.description]]),
      el("h3", null, "Claims about it (" + d.claims.length + ")"), claimList(d.claims)];
  }
};

function showPanel(parts) {
  panel.replaceChildren.apply(panel, parts);
  panel.scrollTop = 0;
}

function select(id) {
  var d = details[id];
  if (!d) { return false; }
  state.pinned = id;
  if (nodes.get(id).hidden) { applyFilters(); }
  network.selectNodes([id]);
  network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
  showPanel(views[d.type](id, d));
  return true;
}

function selectConflict(cid) {
  if (!data.conflicts[cid]) { return false; }
  network.selectEdges(["conflict:" + cid]);
  showPanel([el("h2", null, "Conflict"), conflictBox(cid, null)]);
  return true;
}

