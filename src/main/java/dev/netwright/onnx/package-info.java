/**
 * Turns a trained {@link dev.netwright.graph.Network} into an ONNX model (opset 17) that ONNX Runtime,
 * Netron or PyTorch tooling can read. One emitter per layer type lives in {@code LayerEmitters};
 * {@link dev.netwright.onnx.OnnxMapping} lists the ONNX ops each layer maps to, for the docs. The reverse,
 * {@link dev.netwright.onnx.OnnxImporter}, reads an ONNX model (PyTorch's or ours) back into a design with its weights,
 * one importer per op in {@code OpImporters}.
 * Depends on {@code graph}, {@code engine} and the generated {@code ai.onnx.proto.OnnxMl} classes only.
 */
package dev.netwright.onnx;
