/**
 * Turns a trained {@link dev.netwright.graph.Network} into an ONNX model (opset 17) that ONNX Runtime,
 * Netron or PyTorch tooling can read. One emitter per layer type lives in {@code LayerEmitters};
 * {@link dev.netwright.onnx.OnnxMapping} lists the ONNX ops each layer maps to, for the docs.
 * Depends on {@code graph}, {@code engine} and the generated {@code ai.onnx.proto.OnnxMl} classes only.
 */
package dev.netwright.onnx;
