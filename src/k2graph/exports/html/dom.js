/* k2graph graph page, part 1: the data and DOM helpers.
   page.py joins dom.js, panel.js, legend.js and main.js into one strict-mode function. */
/* Every string from the data becomes a text node (textContent, createTextNode): never markup. */
var started = window.performance ? performance.now() : 0;
var data = JSON.parse(document.getElementById("k2-data").textContent);
var details = data.details;
var SVG = "http://www.w3.org/2000/svg";

function $(id) { return document.getElementById(id); }

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}

function add(parent) {
  for (var i = 1; i < arguments.length; i++) {
    var child = arguments[i];
    if (child === null || child === undefined) { continue; }
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return parent;
}

/* A tooltip as an element: vis-network shows an element as it is, so no markup is parsed. */
function tooltip(text) {
  var box = el("div", "k2-tip");
  String(text).split("\n").forEach(function (line, i) {
    box.appendChild(el(i === 0 ? "strong" : "div", null, line));
  });
  return box;
}

function withTooltip(record) {
  var copy = Object.assign({}, record);
  if (typeof copy.title === "string") { copy.title = tooltip(copy.title); }
  return copy;
}

