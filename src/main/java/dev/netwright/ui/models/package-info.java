/**
 * The model registry pages: {@code /models} lists every model and takes ONNX uploads; {@code /models/{id}} shows a
 * model's signature, stage and download, a try-it form fitted to its inputs (a drawing pad, {@code <draw-pad>}, for
 * 28×28 image models), its latency statistics and batch prediction over a data set.
 */
package dev.netwright.ui.models;
