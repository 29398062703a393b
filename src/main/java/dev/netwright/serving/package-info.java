/**
 * Runs exported ONNX models with ONNX Runtime: {@link dev.netwright.serving.InferenceSession} wraps one
 * model, {@link dev.netwright.serving.ServingService} keeps a bounded cache of them per trained model and
 * reads model bytes through {@link dev.netwright.serving.ModelStore}. ONNX Runtime's checked
 * {@code OrtException} is wrapped once, here, in {@link dev.netwright.serving.ServingException}.
 */
package dev.netwright.serving;
