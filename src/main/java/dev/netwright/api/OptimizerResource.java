package dev.netwright.api;

import dev.netwright.engine.optim.Optimizers;
import dev.netwright.engine.optim.QuadraticBowl;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The optimizers with their settings, and how each descends the seeds' quadratic bowl. */
@Path("/api/optimizers")
@Produces(MediaType.APPLICATION_JSON)
public class OptimizerResource {
    /** An optimizer and its settings' defaults (null: depends on the learning rate). */
    public record OptimizerInfo(String name, Map<String, Double> defaults) {
    }

    /** Body of POST /api/optimizers/trajectory; omitted fields take the defaults shown in docs/api.md. */
    public record TrajectoryRequest(String optimizer, Double learningRate, Map<String, Double> options, Double w1, Double w2, Integer steps) {
    }

    /** The path (steps + 1 points, fewer when it diverges) and whether it ended within 1e-3 of the minimum. */
    public record Trajectory(String optimizer, double learningRate, List<QuadraticBowl.Point> points, boolean converged, boolean diverged) {
    }

    @GET
    public List<OptimizerInfo> list() {
        return Optimizers.DEFAULTS.entrySet().stream().map(e -> new OptimizerInfo(e.getKey(), e.getValue())).toList();
    }

    @POST
    @Path("/trajectory")
    @Consumes(MediaType.APPLICATION_JSON)
    public Trajectory trajectory(TrajectoryRequest r) {
        if (r == null || r.optimizer() == null) throw new IllegalArgumentException("optimizer is required, one of " + Optimizers.NAMES);
        String name = r.optimizer().trim().toLowerCase(Locale.ROOT);
        if (!Optimizers.NAMES.contains(name)) throw new IllegalArgumentException("optimizer must be one of " + Optimizers.NAMES + ". Received: " + r.optimizer());
        double lr = r.learningRate() == null ? 0.01 : r.learningRate();
        if (!(lr > 0 && lr <= 10)) throw new IllegalArgumentException("learningRate must be in (0, 10]. Received: " + lr);
        int steps = r.steps() == null ? 100 : r.steps();
        if (steps < 1 || steps > 5000) throw new IllegalArgumentException("steps must be in 1..5000. Received: " + steps);
        if (r.options() != null) {
            List<String> known = Optimizers.OPTIONS.get(name);
            for (String k : r.options().keySet()) {
                if (!known.contains(k)) throw new IllegalArgumentException("options." + k + " is not a setting of " + name + "; its settings: " + known);
            }
        }
        List<QuadraticBowl.Point> path = QuadraticBowl.descend(name, lr, r.options(), r.w1() == null ? -1.5 : r.w1(),
                r.w2() == null ? 1.0 : r.w2(), steps);
        boolean diverged = path.size() < steps + 1;
        return new Trajectory(name, lr, path, !diverged && path.getLast().f() < 1e-3, diverged);
    }
}
