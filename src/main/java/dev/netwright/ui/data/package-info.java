/**
 * The data set pages: {@link dev.netwright.ui.data.DatasetsView} lists a project's data sets and the built-in ones
 * and shows the selected one in detail (facts and import warnings, class balance, split, feature statistics, a
 * preview of the samples drawn with {@code <data-chart>}, an augmentation preview for images). Dialogs upload files
 * (streamed to temporary files, imported in the background) and generate procedural data sets. Everything goes
 * through {@code datasets.DatasetService}; the view's parts are package-private and report back through callbacks.
 */
package dev.netwright.ui.data;
