package dev.netwright.graph;

/**
 * Something wrong with a design, pinned to the node (and port) that causes it. Validation returns
 * these; it never throws for a user's design.
 *
 * @param fix a suggested one-click repair ({@link GraphFixes#apply}), or null when there is none
 */
public record GraphProblem(Severity severity, String code, String nodeId, String port, String message, GraphFix fix) {
    public enum Severity { ERROR, WARNING }

    /** A problem without a suggested fix. */
    public GraphProblem(Severity severity, String code, String nodeId, String port, String message) {
        this(severity, code, nodeId, port, message, null);
    }

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

    public boolean hasFix() {
        return fix != null;
    }
}
