/** Loss functions, each a mean over the batch. */
package dev.netwright.engine.loss;
