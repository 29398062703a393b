/**
 * Data sets: in-memory samples with their per-sample feature shape and task, the built-in toy sets
 * (XOR, two spirals) and, later, imports. Pure Java; uses only {@code engine.Shape} and {@code engine.Rng}.
 */
package dev.netwright.data;
