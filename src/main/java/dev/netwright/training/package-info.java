/**
 * Training: the loop that fits a compiled network to a data set ({@link dev.netwright.training.Trainer}, pure Java),
 * and the service that runs it as a background job, stores runs and metrics, and streams live metric events.
 */
package dev.netwright.training;
