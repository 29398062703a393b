package dev.netwright.engine;

import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.engine.loss.Loss;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a {@link TensorScope} frees, what it leaves alone, and how it nests; plus the in-place copies it goes with. */
class TensorScopeTest {
    private static float[] ramp(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = scale * (i - n / 3f);
        return v;
    }

    private static float[] times(float[] v, float s) {
        float[] r = v.clone();
        for (int i = 0; i < r.length; i++) r[i] *= s;
        return r;
    }

    @Test
    void closingRecyclesOpResultsAndNothingElse() {
        float[] xv = ramp(300, 0.1f);
        Tensor x = Tensor.of(Shape.of(10, 30), xv);
        Tensor w = Tensor.parameter(Shape.of(30, 30), ramp(900, 0.01f));
        Tensor kept;
        float[] wBefore = w.toArray();
        try (TensorScope ignored = TensorScope.open()) {
            assertTrue(TensorScope.active());
            Tensor view = x.reshape(30, 10);        // a view of a leaf: shares the leaf's buffer, which is not the scope's
            Tensor y = view.reshape(10, 30).matmul(w).relu();
            kept = y.detach();                      // a factory: survives the scope
            y.sum().backward();
            assertTrue(TensorScope.ownedBuffers() > 0);
        }
        assertFalse(TensorScope.active());
        assertEquals(0, TensorScope.ownedBuffers());
        float[] grad = w.grad().toArray();
        float[] keptValues = kept.toArray();
        // the next step reuses the freed buffers: leaves, parameters, their gradients and detached copies keep their values
        try (TensorScope ignored = TensorScope.open()) {
            x.reshape(30, 10).reshape(10, 30).matmul(w).relu().mul(-7f).sum();
        }
        assertArrayEquals(xv, x.toArray());
        assertArrayEquals(wBefore, w.toArray());
        assertArrayEquals(grad, w.grad().toArray());
        assertArrayEquals(keptValues, kept.toArray());
    }

    @Test
    void scopesNestAndAFreedBufferIsReused() {
        float[] xv = ramp(64, 1f);
        Tensor x = Tensor.of(Shape.of(8, 8), xv);
        try (TensorScope outer = TensorScope.open()) {
            Tensor a = x.mul(2f);
            Tensor b;
            try (TensorScope inner = TensorScope.open()) {
                b = x.mul(3f);
                assertThrows(IllegalStateException.class, outer::close, "an inner scope is open");
            }
            try (TensorScope inner = TensorScope.open()) {
                Tensor c = x.mul(5f);
                // b's buffer was handed back and taken again by c; a (the outer scope's) was not
                assertArrayEquals(times(xv, 5f), b.toArray());
                assertArrayEquals(times(xv, 5f), c.toArray());
            }
            assertArrayEquals(times(xv, 2f), a.toArray());
        }
        assertEquals(0, TensorScope.ownedBuffers());
    }

    @Test
    void closingTwiceDoesNothingAndAnotherThreadCannotClose() throws Exception {
        TensorScope s = TensorScope.open();
        Tensor.of(Shape.of(4), 1, 2, 3, 4).mul(2f);
        CompletableFuture<Void> other = CompletableFuture.runAsync(s::close);
        ExecutionException e = assertThrows(ExecutionException.class, other::get);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        s.close();
        s.close();
        assertEquals(0, TensorScope.ownedBuffers());
        assertFalse(TensorScope.active());
    }

    @Test
    void gradientTemporariesAndPoolingIndicesAreFreedOnceWithOrWithoutBackward() {
        Tensor a = Tensor.parameter(Shape.of(2, 1, 8, 8), ramp(128, 0.3f));
        Tensor b = Tensor.parameter(Shape.of(2, 1, 8, 8), ramp(128, -0.2f));
        for (boolean backward : new boolean[]{true, false}) {
            // MUL and MAX rules make temporaries and free some of them themselves; max pooling frees its indices after use
            try (TensorScope ignored = TensorScope.open()) {
                Tensor y = PoolOps.maxPool2d(a.mul(b).maximum(a), new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0});
                Tensor l = y.div(b.abs().add(1f).narrow(2, 0, 4).narrow(3, 0, 4)).sum();
                if (backward) l.backward();
            }   // a buffer freed twice would throw here
            assertEquals(0, TensorScope.ownedBuffers());
        }
        float[] withScope = a.grad().toArray();
        a.zeroGrad();
        b.zeroGrad();
        Tensor y = PoolOps.maxPool2d(a.mul(b).maximum(a), new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0});
        y.div(b.abs().add(1f).narrow(2, 0, 4).narrow(3, 0, 4)).sum().backward();
        assertArrayEquals(withScope, a.grad().toArray());
    }

    @Test
    void anEvaluationPassUnderNoGradIsRecycledToo() {
        Tensor x = Tensor.of(Shape.of(4, 6), ramp(24, 0.5f));
        Tensor w = Tensor.parameter(Shape.of(3, 6), ramp(18, 0.1f));
        float[] out = new float[12];
        try (TensorScope ignored = TensorScope.open(); NoGrad ignored2 = NoGrad.enter()) {
            Tensor y = Tensor.linear(x, w, null).softmax(-1);
            assertTrue(TensorScope.ownedBuffers() >= 2);
            y.copyTo(out, 0);
        }
        assertEquals(0, TensorScope.ownedBuffers());
        assertArrayEquals(Tensor.linear(x, w, null).softmax(-1).toArray(), out);
    }

    @Test
    void theLossOneHotIsAScopedConstantAndStillChecksItsIndices() {
        Tensor t = Tensor.of(Shape.of(3), 2, 0, 1);
        try (TensorScope ignored = TensorScope.open()) {
            Tensor oh = Loss.oneHot(t, Shape.of(3, 4));
            assertArrayEquals(new float[]{0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0}, oh.toArray());
            assertEquals(1, TensorScope.ownedBuffers());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.oneHot(Tensor.of(Shape.of(2), 1, 4), Shape.of(2, 4)));
        assertEquals("Class index 4.0 at row 1 is not in 0..3", e.getMessage());
    }

    @Test
    void copyFromAndCopyToWorkInPlaceWithOffsets() {
        Tensor x = Tensor.zeros(2, 3);
        var before = x.buffer();
        float[] src = {9, 1, 2, 3, 4, 5, 6, 9};
        x.copyFrom(src, 1);
        assertSame(before, x.buffer());
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, x.toArray());
        x.copyFrom(new float[]{6, 5, 4, 3, 2, 1});
        float[] dst = new float[8];
        x.copyTo(dst, 2);
        assertArrayEquals(new float[]{0, 0, 6, 5, 4, 3, 2, 1}, dst);
        assertThrows(IllegalArgumentException.class, () -> x.copyFrom(src, 3));
        assertThrows(IllegalArgumentException.class, () -> x.copyFrom(src, -1));
        assertThrows(IllegalArgumentException.class, () -> x.copyTo(dst, 3));
        assertThrows(IllegalArgumentException.class, () -> x.copyFrom(new float[5]));
        assertEquals(6f, Tensor.of(Shape.scalar(), 6f).item());
    }
}
