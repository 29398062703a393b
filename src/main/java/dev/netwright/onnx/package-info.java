/**
 * Turns a trained {@link dev.netwright.graph.Network} into an ONNX model (opset 17 by default, 13 to 21 with
 * {@link dev.netwright.onnx.ExportOptions}) that ONNX Runtime, Netron or PyTorch tooling can read, and proves it:
 * {@link dev.netwright.onnx.ParityCheck} runs the export in ONNX Runtime against the engine. One emitter per layer type
 * lives in {@code LayerEmitters}, the opset each op needs in {@code OpsetRules}; {@link dev.netwright.onnx.OnnxMapping}
 * lists the ONNX ops each layer maps to, for the docs. The reverse, {@link dev.netwright.onnx.OnnxImporter}, reads an
 * ONNX model (PyTorch's or ours) back into a design with its weights, one importer per op in {@code OpImporters}.
 * Depends on {@code graph}, {@code engine}, {@code data} (input scaling), the generated {@code ai.onnx.proto.OnnxMl}
 * classes and ONNX Runtime (the parity check) only.
 */
package dev.netwright.onnx;
