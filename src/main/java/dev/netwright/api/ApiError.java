package dev.netwright.api;

import dev.netwright.graph.GraphProblem;

import java.util.List;

/** The body of every error answer: HTTP status, a readable message, and graph problems where they apply. */
public record ApiError(int status, String error, String message, List<GraphProblem> problems) {
}
