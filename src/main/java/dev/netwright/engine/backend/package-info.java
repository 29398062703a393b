/** The primitives a device implements; tensors and layers are written against this small interface only. */
package dev.netwright.engine.backend;
