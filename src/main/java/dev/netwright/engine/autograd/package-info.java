/** Reverse-mode differentiation: the topological walk, gradient-rule type, and the no-grad scope. */
package dev.netwright.engine.autograd;
