/** Layers (modules) with PyTorch names, built from tensor ops, and weight initializers. */
package dev.netwright.engine.nn;
