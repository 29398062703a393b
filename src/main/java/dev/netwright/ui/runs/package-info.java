/**
 * Training runs in the UI: the live dashboard of one run (status, {@code <training-chart>}, numbers, stop,
 * ONNX download and a "try it" form) and the list of a project's runs. Live updates come from
 * {@code TrainingService.subscribe} and reach the browser through Vaadin push.
 */
package dev.netwright.ui.runs;
