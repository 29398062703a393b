/**
 * The design the canvas edits: the versioned graph format, validation and shape inference that report
 * problems pinned to nodes (never exceptions for a user's design) with suggested fixes, costs (FLOPs, training
 * memory), the diff of two designs, and compilation to engine modules.
 * Depends only on the engine.
 */
package dev.netwright.graph;
