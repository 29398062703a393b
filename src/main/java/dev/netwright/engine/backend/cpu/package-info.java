/**
 * The pure-Java backend: heap float arrays, hot kernels vectorised with {@code jdk.incubator.vector} (a packed,
 * register-tiled SGEMM; im2col convolutions on top of it), large kernels split over one small pool of threads, and
 * freed buffers reused. Needs {@code --add-modules jdk.incubator.vector}.
 */
package dev.netwright.engine.backend.cpu;
