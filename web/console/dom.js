/**
 * The console's only way to make markup: elements from document.createElement, text as text
 * nodes. Nothing here parses HTML, so product names, addresses and reasons holding markup show as
 * the characters they are.
 */

/**
 * @typedef {string | number | Node | null | undefined | false} Leaf
 * @typedef {Leaf | readonly Leaf[] | readonly (Leaf | readonly Leaf[])[]} Child
 * @typedef {Record<string, unknown>} Props
 */

/**
 * An element with attributes, listeners (`onclick: fn`) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
      element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    } else if (name === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** @param {Element} parent @param {readonly Child[]} children */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything in `parent` with `children`. @param {Element} parent @param {...Child} children */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

let ids = 0;
/** A fresh element id, for label `for` and `aria-labelledby`. @param {string} stem */
export function newId(stem) {
  ids += 1;
  return `${stem}-${ids}`;
}
