/** Optimizers: per-parameter state and update rules (PyTorch conventions, checked by golden cases). */
package dev.netwright.engine.optim;
