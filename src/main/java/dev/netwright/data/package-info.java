/**
 * Data sets: in-memory samples with their per-sample feature shape and task, the built-in toy sets and the
 * procedural generators ({@code GeneratorCatalog}), splits into training / validation / test parts and k folds
 * ({@code Splits}), feature scaling fitted on the training part ({@code Normalization}), image augmentation
 * ({@code Augmentation}), mini-batches for training ({@code BatchLoader}) and the content-addressed file format
 * ({@code DatasetCodec}); imports live in {@code data.io}. Pure Java; uses only {@code engine.Shape} and
 * {@code engine.Rng}.
 */
package dev.netwright.data;
