package dev.netwright.graph;

import dev.netwright.engine.Tensor;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A compact binary form of a network's weights (parameters and buffers by name, as {@link Network#parameters()} and
 * {@link Network#buffers()} name them), stored with a model version so that training starts from them. Little-endian:
 * <pre>
 * "NWW1"  int32 parameterCount  int32 bufferCount
 * per tensor (parameters, then buffers): uint16 nameLength, name (UTF-8), int32 valueCount, float32 values
 * int32 CRC-32 of everything before it
 * </pre>
 */
public final class WeightsCodec {
    private static final byte[] MAGIC = "NWW1".getBytes(StandardCharsets.US_ASCII);

    /** Weights by name, in their layers' own layouts (ready for {@link Network#load}). */
    public record Weights(Map<String, float[]> parameters, Map<String, float[]> buffers) {
        public Weights {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers == null ? Map.of() : buffers));
        }

        /** The current weights of {@code net}. */
        public static Weights of(Network net) {
            return new Weights(values(net.parameters()), values(net.buffers()));
        }

        /**
         * Why these weights do not fit {@code design} (a missing, unknown or wrongly sized tensor, or a design that does
         * not compile); empty when they fit it exactly.
         */
        public java.util.Optional<String> misfit(GraphSpec design) {
            try {
                loadInto(Network.compile(design, 0));
                return java.util.Optional.empty();
            } catch (InvalidGraphException e) {
                return java.util.Optional.of("the design has errors");
            } catch (IllegalArgumentException e) {
                return java.util.Optional.of(e.getMessage());
            }
        }

        /** Overwrites {@code net}'s weights with these; see {@link Network#load} for what is refused. */
        public void loadInto(Network net) {
            net.load(parameters, buffers);
        }

        private static Map<String, float[]> values(Map<String, Tensor> tensors) {
            Map<String, float[]> m = new LinkedHashMap<>();
            tensors.forEach((k, t) -> m.put(k, t.toArray()));
            return m;
        }
    }

    private WeightsCodec() {
    }

    public static byte[] encode(Weights w) {
        long size = MAGIC.length + 8 + 4;
        for (Map<String, float[]> m : java.util.List.of(w.parameters(), w.buffers())) {
            for (var e : m.entrySet()) size += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + 4L * e.getValue().length;
        }
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Weights of " + size + " bytes are too large to encode");
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(w.parameters().size()).putInt(w.buffers().size());
        for (Map<String, float[]> m : java.util.List.of(w.parameters(), w.buffers())) {
            for (var e : m.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                if (name.length > 0xFFFF) throw new IllegalArgumentException("Weight name too long: " + name.length + " bytes");
                b.putShort((short) name.length).put(name).putInt(e.getValue().length);
                b.asFloatBuffer().put(e.getValue());
                b.position(b.position() + 4 * e.getValue().length);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** @throws IllegalArgumentException when {@code bytes} are not (intact) encoded weights */
    public static Weights decode(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length + 12) {
            throw new IllegalArgumentException("Not encoded weights: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) throw new IllegalArgumentException("Not encoded weights: wrong magic");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) throw new IllegalArgumentException("Encoded weights are damaged: CRC-32 mismatch");
        try {
            int params = b.getInt(), buffers = b.getInt();
            Map<String, float[]> p = read(b, params), bu = read(b, buffers);
            if (b.position() != bytes.length - 4) {
                throw new IllegalArgumentException("Encoded weights have " + (bytes.length - 4 - b.position()) + " extra bytes");
            }
            return new Weights(p, bu);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("Encoded weights are truncated", e);
        }
    }

    private static Map<String, float[]> read(ByteBuffer b, int count) {
        if (count < 0) throw new IllegalArgumentException("Encoded weights: negative tensor count " + count);
        Map<String, float[]> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(name);
            int n = b.getInt();
            if (n < 0 || 4L * n > b.remaining()) throw new BufferUnderflowException();
            float[] v = new float[n];
            b.asFloatBuffer().get(v);
            b.position(b.position() + 4 * n);
            m.put(new String(name, StandardCharsets.UTF_8), v);
        }
        return m;
    }
}
