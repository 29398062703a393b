package dev.netwright.graph;

import java.util.List;

/** Thrown where a valid graph is required (compiling, training); carries the problems to show the user. */
public class InvalidGraphException extends RuntimeException {
    private final transient List<GraphProblem> problems;

    public InvalidGraphException(List<GraphProblem> problems) {
        super("The network has " + problems.size() + " problem(s): " + problems.stream()
                .map(p -> (p.nodeId() == null ? "" : p.nodeId() + ": ") + p.message()).limit(5).toList());
        this.problems = List.copyOf(problems);
    }

    public List<GraphProblem> problems() {
        return problems;
    }
}
