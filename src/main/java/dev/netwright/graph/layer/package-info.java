/** The layer catalog: one record per layer type holding its one shape rule, parameter count and module builder. */
package dev.netwright.graph.layer;
