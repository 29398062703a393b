package dev.netwright.graph;

/**
 * Something wrong with a design, pinned to the node (and port) that causes it. Validation returns
 * these; it never throws for a user's design.
 */
public record GraphProblem(Severity severity, String code, String nodeId, String port, String message) {
    public enum Severity { ERROR, WARNING }

    public static GraphProblem error(String code, String nodeId, String message) {
        return new GraphProblem(Severity.ERROR, code, nodeId, null, message);
    }

    public static GraphProblem error(String code, String nodeId, String port, String message) {
        return new GraphProblem(Severity.ERROR, code, nodeId, port, message);
    }

    public static GraphProblem warning(String code, String nodeId, String message) {
        return new GraphProblem(Severity.WARNING, code, nodeId, null, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
