/**
 * Projects and their saved designs (model versions, with weights when imported from an ONNX file), the built-in
 * templates, and the JSON form of a graph. Services here are what the REST API and the UI call; they own the
 * transactions.
 */
package dev.netwright.projects;
