/**
 * Runs ONNX models with ONNX Runtime and keeps the model registry. {@link dev.netwright.serving.InferenceSession} wraps
 * one model, {@link dev.netwright.serving.ServingService} keeps a bounded cache of them per model and reads model bytes
 * through {@link dev.netwright.serving.ModelStore}. {@link dev.netwright.serving.ModelRegistry} registers uploads after
 * {@link dev.netwright.serving.OnnxModels} checked them, reads each model's {@link dev.netwright.serving.ModelSignature},
 * moves models between stages and checks named prediction inputs against the signature. ServingService keeps each
 * model's recent latencies ({@link dev.netwright.serving.LatencyStats}); {@link dev.netwright.serving.BatchPredictionService}
 * runs a data set through a model as a background job and writes the results as CSV. ONNX Runtime's checked
 * {@code OrtException} is wrapped once, here.
 */
package dev.netwright.serving;
