/**
 * A project's versions: the list of saved designs, a visual diff of two of them (both drawn as server-generated
 * SVG with added, removed, changed and moved nodes highlighted, plus the changed parameters), restore of an old
 * version as a new latest one, and JSON export.
 */
package dev.netwright.ui.versions;
