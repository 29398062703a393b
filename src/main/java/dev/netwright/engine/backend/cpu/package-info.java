/** The pure-Java backend: heap float arrays, loops the JIT vectorises, large products split over cores. */
package dev.netwright.engine.backend.cpu;
