// The keyboard shortcuts of <network-canvas>: what the help overlay lists, what a key press means, and where on the
// page a key press counts as one.

import type { CanvasCommand } from './model';

/** What a key press asks for: a server command, or something the canvas does itself. */
export type KeyAction =
  | { kind: 'command'; command: CanvasCommand }
  | { kind: 'move'; dx: number; dy: number }
  | { kind: 'select' }
  | { kind: 'connect' }
  | { kind: 'escape' }
  | { kind: 'help' }
  | { kind: 'fit' }
  | { kind: 'zoom'; direction: 1 | -1 };

/** The help overlay's rows: keys, then what they do. */
export const SHORTCUTS: [string, string][] = [
  ['Drag from the palette, or click an entry', 'add a layer'],
  ['Drag from a right port to a left port', 'connect two layers'],
  ['Drag a connected left port elsewhere', 'move the connection\'s end there (onto the background: delete it)'],
  ['Click · Shift + click', 'select a layer · add it to (or take it from) the selection'],
  ['Shift + drag on the background', 'select every layer in the box'],
  ['Tab · Shift + Tab', 'focus the next · previous layer'],
  ['Enter or Space', 'select the focused layer'],
  ['Arrow keys (Shift: 5×)', 'move the selection by 10 px'],
  ['C, then Tab to the target and Enter', 'connect the selected layer to the target (Esc cancels)'],
  ['Delete or Backspace', 'delete the selection'],
  ['Ctrl + C · Ctrl + X · Ctrl + V', 'copy · cut · paste the selection'],
  ['Ctrl + A', 'select every layer'],
  ['Ctrl + Z · Ctrl + Shift + Z or Ctrl + Y', 'undo · redo'],
  ['L', 'auto-layout, left to right'],
  ['F · + · −', 'fit to view · zoom in · zoom out'],
  ['Drag the background · Ctrl + wheel', 'pan · zoom'],
  ['Click the minimap', 'pan there'],
  ['?', 'this help (Esc closes it)'],
];

/** A note under the list: where the shortcuts work. */
export const SHORTCUTS_NOTE =
  'The shortcuts work anywhere on the editor page (after a click on the palette or the toolbar too), '
  + 'except while you type in a field or a dialog is open.';

/** Elements that take typed text: their keys are never shortcuts. */
const TEXT_ENTRY = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/** Widgets that use letters, arrows or Enter themselves (ARIA roles, Vaadin fields), outside the canvas. */
const KEY_WIDGETS = [
  '[role="textbox"]', '[role="searchbox"]', '[role="combobox"]', '[role="listbox"]', '[role="option"]', '[role="menu"]',
  '[role="menuitem"]', '[role="slider"]', '[role="spinbutton"]', '[role="radiogroup"]', '[role="radio"]',
  '[role="checkbox"]', '[role="switch"]', '[role="grid"]', '[role="tree"]', '[role="tablist"]', '[role="tab"]',
  'vaadin-select', 'vaadin-combo-box', 'vaadin-multi-select-combo-box', 'vaadin-date-picker', 'vaadin-time-picker',
  'vaadin-text-field', 'vaadin-text-area', 'vaadin-number-field', 'vaadin-integer-field', 'vaadin-big-decimal-field',
  'vaadin-email-field', 'vaadin-password-field', 'vaadin-checkbox', 'vaadin-radio-group', 'vaadin-grid', 'vaadin-upload',
].join(', ');

/** Dialogs and overlays (Vaadin's own, and anything with a dialog role), outside the canvas. */
const OVERLAYS = '[role="dialog"], [role="alertdialog"], vaadin-dialog, vaadin-confirm-dialog, vaadin-popover, vaadin-notification-card';

/** Controls that Enter and Space activate. */
const CONTROLS = 'button, a[href], [role="button"], [role="link"], vaadin-button, summary';

/** Modal dialogs that, while open, leave every key to themselves. */
const OPEN_MODALS = 'vaadin-dialog[opened], vaadin-confirm-dialog[opened]';

/**
 * Where a key press happened, as far as the shortcuts go: `canvas` (a node, the background, a canvas button), `page`
 * (anywhere else on the page: a palette entry, a toolbar button, nothing focused), or null when the key belongs to
 * what has the focus (a text field, a select or other widget, a dialog or overlay). `onControl`: the focus is on a
 * button or link, which keeps Enter and Space.
 */
export function keyScope(e: KeyboardEvent, canvas: Element): { where: 'canvas' | 'page'; onControl: boolean } | null {
  const path = e.composedPath().filter((t): t is Element => t instanceof Element);
  const at = path.indexOf(canvas);
  const own = at >= 0 ? path.slice(0, at) : path;
  if (own.some((el) => el.matches(TEXT_ENTRY))) return null;
  if (at >= 0) return { where: 'canvas', onControl: own.some((el) => el.localName === 'button') };
  if (own.some((el) => el.matches(KEY_WIDGETS) || el.matches(OVERLAYS) || el.localName.endsWith('-overlay'))) return null;
  if (document.querySelector(OPEN_MODALS)) return null;
  return { where: 'page', onControl: own.some((el) => el.matches(CONTROLS)) };
}

/** The action of a key press, or null when the canvas leaves the key alone. */
export function keyAction(e: KeyboardEvent): KeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return { kind: 'command', command: e.shiftKey ? 'redo' : 'undo' };
    if (key === 'y') return { kind: 'command', command: 'redo' };
    if (key === 'c') return { kind: 'command', command: 'copy' };
    if (key === 'x') return { kind: 'command', command: 'cut' };
    if (key === 'v') return { kind: 'command', command: 'paste' };
    if (key === 'a') return { kind: 'command', command: 'select-all' };
    return null;
  }
  if (e.altKey) return null;
  const step = e.shiftKey ? 50 : 10;
  switch (key) {
    case 'Delete':
    case 'Backspace':
      return { kind: 'command', command: 'delete' };
    case 'ArrowLeft':
      return { kind: 'move', dx: -step, dy: 0 };
    case 'ArrowRight':
      return { kind: 'move', dx: step, dy: 0 };
    case 'ArrowUp':
      return { kind: 'move', dx: 0, dy: -step };
    case 'ArrowDown':
      return { kind: 'move', dx: 0, dy: step };
    case 'Enter':
    case ' ':
      return { kind: 'select' };
    case 'c':
      return { kind: 'connect' };
    case 'Escape':
      return { kind: 'escape' };
    case '?':
      return { kind: 'help' };
    case 'f':
      return { kind: 'fit' };
    case 'l':
      return { kind: 'command', command: 'layout' };
    case '+':
    case '=':
      return { kind: 'zoom', direction: 1 };
    case '-':
      return { kind: 'zoom', direction: -1 };
    default:
      return null;
  }
}
