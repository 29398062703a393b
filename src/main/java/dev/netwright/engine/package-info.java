/**
 * The neural-network engine: float32 tensors with reverse-mode autograd, layers, losses, optimizers and
 * initializers, running on a {@link dev.netwright.engine.backend.Backend} (pure-Java CPU today; CUDA through FFM later).
 * A plain Java library: it imports nothing from Quarkus, Vaadin or Jakarta (ArchitectureTest checks this).
 */
package dev.netwright.engine;
