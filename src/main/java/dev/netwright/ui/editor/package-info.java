/**
 * The network editor: the {@code <network-canvas>} wrapper, the layer palette, the inspector, the training
 * form, the status bar and the view that wires them to the project and training services. The server holds the
 * design with its undo history ({@link dev.netwright.ui.editor.GraphDraft}), the selection and the clipboard
 * ({@link dev.netwright.ui.editor.DesignEditor}); the canvas only draws it and reports edits as typed events.
 */
package dev.netwright.ui.editor;
