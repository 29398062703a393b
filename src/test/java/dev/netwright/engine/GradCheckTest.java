package dev.netwright.engine;

import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finite-difference checks of every op's gradient rule, at awkward shapes too (batch 1, odd sizes, broadcasting). */
class GradCheckTest {
    private final Rng rng = new Rng(42);
    private final List<String> problems = new ArrayList<>();

    private void check(String name, java.util.function.Function<List<Tensor>, Tensor> f, Tensor... in) {
        problems.addAll(GradCheck.check(name, f, List.of(in), 7));
    }

    @Test
    void elementwiseAndActivations() {
        for (Activation.Kind k : Activation.Kind.values()) {
            if (k == Activation.Kind.STEP) continue; // zero derivative by definition
            // values kept away from the kinks at 0 so central differences are valid
            check(k.id(), in -> Activation.apply(k, Activation.defaultAlpha(k) == 0 ? 0.3f : Activation.defaultAlpha(k), in.get(0)),
                    GradCheck.random(rng, 0.05f, 3, 5));
        }
        check("exp", in -> in.get(0).exp(), GradCheck.random(rng, 0, 2, 3));
        check("log", in -> in.get(0).abs().add(0.5f).log(), GradCheck.random(rng, 0.05f, 7));
        check("sqrt", in -> in.get(0).square().add(0.5f).sqrt(), GradCheck.random(rng, 0, 4));
        check("huber", in -> in.get(0).huber(1f), GradCheck.random(rng, 0.05f, 9));
        assertEquals(List.of(), problems);
    }

    @Test
    void broadcastingBinaryOps() {
        check("add [3,4]+[4]", in -> in.get(0).add(in.get(1)), GradCheck.random(rng, 0, 3, 4), GradCheck.random(rng, 0, 4));
        check("sub [3,1]-[1,4]", in -> in.get(0).sub(in.get(1)), GradCheck.random(rng, 0, 3, 1), GradCheck.random(rng, 0, 1, 4));
        check("mul [2,3,4]*[3,1]", in -> in.get(0).mul(in.get(1)), GradCheck.random(rng, 0, 2, 3, 4), GradCheck.random(rng, 0, 3, 1));
        check("div", in -> in.get(0).div(in.get(1)), GradCheck.random(rng, 0, 2, 5), GradCheck.random(rng, 0.5f, 2, 5));
        check("max", in -> in.get(0).maximum(in.get(1)), GradCheck.random(rng, 0, 6), GradCheck.random(rng, 0, 6));
        check("same tensor twice", in -> in.get(0).mul(in.get(0)).add(in.get(0)), GradCheck.random(rng, 0, 5));
        assertEquals(List.of(), problems);
    }

    @Test
    void reductionsAndMovement() {
        check("sum axis0", in -> in.get(0).sum(0, false), GradCheck.random(rng, 0, 3, 4));
        check("sum axis1 keep", in -> in.get(0).sum(1, true), GradCheck.random(rng, 0, 2, 3, 4));
        check("mean", in -> in.get(0).mean(), GradCheck.random(rng, 0, 1, 7));
        check("reshape", in -> in.get(0).reshape(3, 2).tanh(), GradCheck.random(rng, 0, 6));
        check("softmax axis1 of 3d", in -> in.get(0).softmax(1), GradCheck.random(rng, 0, 2, 3, 2));
        check("log_softmax", in -> in.get(0).logSoftmax(-1), GradCheck.random(rng, 0, 1, 5));
        assertEquals(List.of(), problems);
    }

    @Test
    void matmulAndLinear() {
        check("matmul", in -> in.get(0).matmul(in.get(1)), GradCheck.random(rng, 0, 3, 4), GradCheck.random(rng, 0, 4, 5));
        check("batched matmul shared B", in -> in.get(0).matmul(in.get(1)), GradCheck.random(rng, 0, 2, 3, 4), GradCheck.random(rng, 0, 4, 1));
        check("batched matmul", in -> in.get(0).matmul(in.get(1)), GradCheck.random(rng, 0, 2, 1, 3), GradCheck.random(rng, 0, 2, 3, 2));
        check("linear batch 1", in -> Tensor.linear(in.get(0), in.get(1), in.get(2)),
                GradCheck.random(rng, 0, 1, 7), GradCheck.random(rng, 0, 3, 7), GradCheck.random(rng, 0, 3));
        check("linear no bias", in -> Tensor.linear(in.get(0), in.get(1), null), GradCheck.random(rng, 0, 5, 2), GradCheck.random(rng, 0, 1, 2));
        assertEquals(List.of(), problems);
    }

    @Test
    void losses() {
        Tensor classes = Tensor.of(Shape.of(4), 0, 2, 1, 2);
        for (Loss l : Loss.values()) {
            Tensor target = switch (l) {
                case CROSS_ENTROPY, NLL, MULTI_MARGIN -> classes;
                case BINARY_CROSS_ENTROPY, BCE_WITH_LOGITS -> Tensor.of(Shape.of(4, 3), 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0);
                case CROSS_ENTROPY_ONE_HOT -> Loss.oneHot(classes, Shape.of(4, 3));
                default -> Tensor.of(Shape.of(4, 3), 0.5f, -1, 2, 0, 0.1f, 3, -2, 1, 1, 0, -0.5f, 0.7f);
            };
            java.util.function.Function<List<Tensor>, Tensor> f = l == Loss.BINARY_CROSS_ENTROPY
                    ? in -> l.compute(in.get(0).sigmoid(), target)
                    : in -> l.compute(in.get(0), target);
            check(l.id(), f, GradCheck.random(rng, 0.05f, 4, 3));
        }
        assertEquals(List.of(), problems);
    }
}
