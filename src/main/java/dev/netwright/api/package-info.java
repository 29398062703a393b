/**
 * The HTTP API ({@code /api/...}, documented in {@code docs/api.md} and at {@code /q/openapi}) and the live
 * metrics websocket ({@code /ws/runs/{runId}}). Thin: parses, calls a service, maps errors to JSON problems.
 */
package dev.netwright.api;
