package dev.netwright.data;

import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorCatalogTest {

    @Test
    void catalogListsEveryGeneratorWithDefaultsInRange() {
        assertEquals(List.of("xor", "two-spirals", "circles", "moons", "blobs", "linear-regression", "quadratic-regression",
                        "quadratic-bowl", "sine", "sine-forecast", "adding", "parity", "shapes-28", "shapes-28-reconstruct"),
                GeneratorCatalog.all().stream().map(GeneratorCatalog.GeneratorDef::id).toList());
        for (var g : GeneratorCatalog.all()) {
            for (var p : g.params()) {
                assertTrue(p.min() <= p.defaultValue() && p.defaultValue() <= p.max(), g.id() + "." + p.name());
                assertTrue(List.of("size", "noise", "seed", "classes", "length").contains(p.name()), p.name());
            }
            Dataset d = GeneratorCatalog.generate(g.id(), Map.of(), "ds-" + g.id(), "My " + g.name());
            assertEquals("ds-" + g.id(), d.id());
            assertEquals("My " + g.name(), d.name());
            assertEquals(g.task(), d.task(), g.id());
            assertTrue(d.size() > 0, g.id());
        }
    }

    @Test
    void defaultsReproduceTheBuiltInDataSets() {
        for (Dataset b : BuiltinDatasets.all()) {
            Dataset g = GeneratorCatalog.generate(b.id(), Map.of(), b.id(), b.name());
            assertArrayEquals(b.features(), g.features(), b.id());
            assertArrayEquals(b.targets(), g.targets(), b.id());
            assertEquals(b.featureShape(), g.featureShape(), b.id());
            assertEquals(b.classNames(), g.classNames(), b.id());
        }
    }

    @Test
    void sameParamsSameDataAndSeedChangesIt() {
        Map<String, Double> p = Map.of("size", 50.0, "noise", 0.2, "seed", 3.0);
        Dataset a = GeneratorCatalog.generate("moons", p, "a", "a"), b = GeneratorCatalog.generate("moons", p, "b", "b");
        assertArrayEquals(a.features(), b.features());
        Dataset c = GeneratorCatalog.generate("moons", Map.of("size", 50.0, "noise", 0.2, "seed", 4.0), "c", "c");
        assertFalse(java.util.Arrays.equals(a.features(), c.features()));
        assertEquals(50, a.size());
    }

    @Test
    void missingParamsTakeDefaults() {
        Map<String, Double> explicit = new HashMap<>();
        for (var p : GeneratorCatalog.all().stream().filter(g -> g.id().equals("blobs")).findFirst().orElseThrow().params()) {
            explicit.put(p.name(), p.defaultValue());
        }
        Dataset a = GeneratorCatalog.generate("blobs", Map.of("classes", 4.0), "a", "a");
        Dataset b = GeneratorCatalog.generate("blobs", explicit, "b", "b");
        assertArrayEquals(a.features(), b.features());
        Dataset three = GeneratorCatalog.generate("blobs", Map.of("classes", 3.0, "size", 30.0), "c", "c");
        assertEquals(3, three.classes());
        assertEquals(30, three.size());
    }

    @Test
    void quadraticRegressionIsXSquared() {
        Dataset d = GeneratorCatalog.generate("quadratic-regression", Map.of("size", 200.0, "noise", 0.0), "q", "q");
        assertEquals(Shape.of(1), d.featureShape());
        for (int i = 0; i < d.size(); i++) {
            float x = d.features()[i];
            assertTrue(x >= -1.5f && x <= 1.5f, "x " + x);
            assertEquals(x * x, d.targets()[i], 1e-6f);
        }
    }

    @Test
    void quadraticBowlIsW1SquaredPlusFiveW2Squared() {
        Dataset d = GeneratorCatalog.generate("quadratic-bowl", Map.of("size", 200.0), "b", "b");
        assertEquals(Shape.of(2), d.featureShape());
        for (int i = 0; i < d.size(); i++) {
            float w1 = d.features()[2 * i], w2 = d.features()[2 * i + 1];
            assertTrue(Math.abs(w1) <= 2 && Math.abs(w2) <= 2);
            assertEquals(w1 * w1 + 5 * w2 * w2, d.targets()[i], 1e-5f);
        }
        Dataset noisy = GeneratorCatalog.generate("quadratic-bowl", Map.of("size", 200.0, "noise", 0.5), "b", "b");
        double sq = 0;
        for (int i = 0; i < 200; i++) {
            float w1 = noisy.features()[2 * i], w2 = noisy.features()[2 * i + 1];
            double e = noisy.targets()[i] - (w1 * w1 + 5 * w2 * w2);
            sq += e * e;
        }
        assertEquals(0.5, Math.sqrt(sq / 200), 0.1);
    }

    /** Without noise s_{t+1} = 2·cos(ω)·s_t − s_{t−1}, so the target must continue the window. */
    @Test
    void sineForecastTargetIsTheNextValue() {
        int t = 12;
        Dataset d = GeneratorCatalog.generate("sine-forecast", Map.of("size", 100.0, "length", (double) t, "noise", 0.0), "s", "s");
        assertEquals(Shape.of(t, 1), d.featureShape());
        assertEquals(Task.REGRESSION, d.task());
        for (int i = 0; i < d.size(); i++) {
            int o = i * t, mid = 1;
            for (int k = 1; k < t - 1; k++) if (Math.abs(d.features()[o + k]) > Math.abs(d.features()[o + mid])) mid = k;
            double twoCos = (d.features()[o + mid - 1] + d.features()[o + mid + 1]) / d.features()[o + mid];
            assertTrue(twoCos > 2 * Math.cos(0.6) - 1e-3 && twoCos < 2 * Math.cos(0.2) + 1e-3, "2cos(ω) " + twoCos);
            double next = twoCos * d.features()[o + t - 1] - d.features()[o + t - 2];
            assertEquals(next, d.targets()[i], 1e-3, "sample " + i);
        }
    }

    @Test
    void addingProblemMarksOnePositionPerHalfAndSumsThem() {
        int t = 10;
        Dataset d = GeneratorCatalog.generate("adding", Map.of("size", 300.0, "length", (double) t), "a", "a");
        assertEquals(Shape.of(t, 2), d.featureShape());
        for (int i = 0; i < d.size(); i++) {
            int o = i * t * 2, marks = 0, first = -1, second = -1;
            double sum = 0;
            for (int k = 0; k < t; k++) {
                float v = d.features()[o + 2 * k], m = d.features()[o + 2 * k + 1];
                assertTrue(v >= 0 && v < 1, "value " + v);
                assertTrue(m == 0 || m == 1, "marker " + m);
                if (m == 1) {
                    marks++;
                    sum += v;
                    if (first < 0) first = k;
                    else second = k;
                }
            }
            assertEquals(2, marks, "sample " + i);
            assertTrue(first < t / 2 && second >= t / 2, first + ", " + second);
            assertEquals(sum, d.targets()[i], 1e-6);
        }
    }

    @Test
    void parityTargetIsTheXorOfTheBits() {
        Dataset d = GeneratorCatalog.generate("parity", Map.of("size", 300.0, "length", 5.0), "p", "p");
        assertEquals(Shape.of(5, 1), d.featureShape());
        assertEquals(Task.BINARY, d.task());
        int odd = 0;
        for (int i = 0; i < d.size(); i++) {
            int x = 0;
            for (int k = 0; k < 5; k++) {
                float b = d.features()[i * 5 + k];
                assertTrue(b == 0 || b == 1);
                x ^= (int) b;
            }
            assertEquals(x, d.targets()[i]);
            odd += x;
        }
        assertTrue(odd > 100 && odd < 200, "odd " + odd);
    }

    @Test
    void xorHasNoParametersAndSpiralsSplitSizeIntoTwoArms() {
        assertEquals(4, GeneratorCatalog.generate("xor", Map.of(), "x", "x").size());
        assertEquals(100, GeneratorCatalog.generate("two-spirals", Map.of("size", 100.0), "s", "s").size());
        var e = assertThrows(IllegalArgumentException.class, () -> GeneratorCatalog.generate("xor", Map.of("size", 10.0), "x", "x"));
        assertTrue(e.getMessage().contains("'size'"), e.getMessage());
    }

    @Test
    void invalidParametersAreRejectedWithNameValueAndRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GeneratorCatalog.generate("moons", Map.of("size", 200_000.0), "m", "m"));
        assertTrue(e.getMessage().contains("size") && e.getMessage().contains("200000") && e.getMessage().contains("2..100000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorCatalog.generate("shapes-28", Map.of("size", 20_001.0), "s", "s"));
        assertTrue(e.getMessage().contains("3..20000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorCatalog.generate("moons", Map.of("size", 12.5), "m", "m"));
        assertTrue(e.getMessage().contains("whole number") && e.getMessage().contains("12.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorCatalog.generate("moons", Map.of("noise", -0.1), "m", "m"));
        assertTrue(e.getMessage().contains("noise") && e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorCatalog.generate("moons", Map.of("noise", Double.NaN), "m", "m"));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorCatalog.generate("nope", Map.of(), "m", "m"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("two-spirals") && e.getMessage().contains("parity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorCatalog.generate("blobs", Map.of("size", 3.0, "classes", 5.0), "b", "b"));
        assertTrue(e.getMessage().contains("classes"), e.getMessage());
    }
}
