// The keyboard shortcuts of <network-canvas>: what the help overlay lists and what a key press means.

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
  ['L', 'auto-layout, top to bottom'],
  ['F · + · −', 'fit to view · zoom in · zoom out'],
  ['Drag the background · Ctrl + wheel', 'pan · zoom'],
  ['Click the minimap', 'pan there'],
  ['?', 'this help (Esc closes it)'],
];

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
