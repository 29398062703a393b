/**
 * The Vaadin Flow user interface: the app shell, the main layout, the projects list and shared UI helpers.
 * {@code editor} holds the network editor, {@code runs} the training dashboards, {@code data} the data set pages,
 * {@code versions} a project's versions with their visual diff and restore.
 * Talks to services only, never to repositories; components talk to their views through typed events.
 */
package dev.netwright.ui;
