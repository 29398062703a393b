package dev.netwright.data;

import dev.netwright.engine.Shape;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The binary file of a data set's samples, content-addressed: the id is not stored, so equal data give equal bytes
 * and {@link #write} returns their SHA-256 as the address. Little-endian throughout:
 * <pre>
 *   "NWDS"  int32 version (1)
 *   str name  str description  str task (enum name)
 *   int32 rank  int32 dims[rank]  int32 targetSize
 *   int32 classCount  str className[classCount]
 *   int32 n  u8 encoding (0 = F32, 1 = U8)
 *   features: n·featureSize values, f32 (F32) or one byte k per value meaning k / 255 (U8)
 *   targets:  n·targetSize f32
 * </pre>
 * A str is an int32 byte length (−1 for null) and UTF-8 bytes. U8 is chosen when every feature value is exactly the
 * float k / 255f for an integer k in 0..255 (8-bit images scaled to [0, 1]), so it reads back bit for bit at a
 * quarter of the size.
 */
public final class DatasetCodec {
    private static final byte[] MAGIC = {'N', 'W', 'D', 'S'};
    private static final int VERSION = 1;
    private static final byte F32 = 0, U8 = 1;
    private static final int CHUNK = 1 << 20;
    private static final int MAX_STRING = 1 << 24, MAX_RANK = 16, MAX_CLASSES = 1 << 20;
    private static final float[] UNIT = new float[256];

    static {
        for (int k = 0; k < 256; k++) UNIT[k] = k / 255f;
    }

    private DatasetCodec() {
    }

    /**
     * Writes {@code d} to {@code out} (flushed, not closed) and returns the SHA-256 of the bytes written, in lower-case
     * hex.
     */
    public static String write(Dataset d, OutputStream out) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
        DigestOutputStream digest = new DigestOutputStream(out, sha);
        Writer w = new Writer(digest);
        w.bytes(MAGIC);
        w.int32(VERSION);
        w.string(d.name());
        w.string(d.description());
        w.string(d.task().name());
        int[] dims = d.featureShape().toArray();
        w.int32(dims.length);
        for (int dim : dims) w.int32(dim);
        w.int32(d.targetSize());
        w.int32(d.classNames().size());
        for (String c : d.classNames()) w.string(c);
        w.int32(d.size());
        boolean u8 = d.features().length > 0 && bytePixels(d.features());
        w.int8(u8 ? U8 : F32);
        if (u8) w.unitBytes(d.features());
        else w.floats(d.features());
        w.floats(d.targets());
        w.flush();
        digest.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 {@link #write} would return, without writing anywhere. */
    public static String sha256(Dataset d) {
        try {
            return write(d, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether every value is exactly k / 255f for an integer k in 0..255. */
    static boolean bytePixels(float[] x) {
        for (float v : x) {
            if (!(v >= 0f && v <= 1f) || Float.floatToRawIntBits(UNIT[(int) (v * 255f + 0.5f)]) != Float.floatToRawIntBits(v)) return false;
        }
        return true;
    }

    /**
     * Reads a data set file; {@code id} becomes the data set's id.
     *
     * @throws UncheckedIOException when the file cannot be read, is not a data set file of a known version, is
     *                              truncated or has trailing bytes
     */
    public static Dataset read(Path file, String id) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Reader r = new Reader(ch, file);
            byte[] magic = r.bytes(4);
            if (magic[0] != MAGIC[0] || magic[1] != MAGIC[1] || magic[2] != MAGIC[2] || magic[3] != MAGIC[3]) {
                throw new IOException(file + " is not a Netwright data set file: it starts with "
                        + HexFormat.ofDelimiter(" ").formatHex(magic) + ", expected \"NWDS\"");
            }
            int version = r.int32();
            if (version != VERSION) throw new IOException(file + ": data set file version " + version + "; this build reads version " + VERSION);
            String name = r.string(), description = r.string(), taskName = r.string();
            Task task;
            try {
                task = Task.valueOf(taskName);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException(file + ": unknown task '" + taskName + "'");
            }
            int rank = r.count("rank", MAX_RANK);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) dims[i] = r.count("dimension " + i, Integer.MAX_VALUE);
            int targetSize = r.count("targetSize", Integer.MAX_VALUE);
            int classCount = r.count("class count", MAX_CLASSES);
            List<String> classes = new ArrayList<>(classCount);
            for (int i = 0; i < classCount; i++) classes.add(r.string());
            int n = r.count("sample count", Integer.MAX_VALUE);
            byte encoding = r.int8();
            if (encoding != F32 && encoding != U8) throw new IOException(file + ": unknown feature encoding " + encoding);
            Shape shape = Shape.of(dims);
            long featureValues = (long) n * shape.size(), targetValues = (long) n * targetSize;
            if (featureValues > Integer.MAX_VALUE - 8 || targetValues > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": " + n + " samples of " + shape + " → " + targetSize + " are too many values for one array");
            }
            long expected = r.position() + featureValues * (encoding == U8 ? 1 : 4) + targetValues * 4;
            if (expected != ch.size()) {
                throw new IOException(file + (expected > ch.size() ? " is truncated" : " has trailing bytes") + ": its header describes "
                        + expected + " bytes (" + n + " samples of " + shape + " → " + targetSize + "), the file has " + ch.size());
            }
            float[] x = new float[(int) featureValues], y = new float[(int) targetValues];
            if (encoding == U8) r.unitBytes(x);
            else r.floats(x);
            r.floats(y);
            return new Dataset(id, name, description, task, shape, targetSize, List.copyOf(classes), x, y);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read data set " + id + " from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Little-endian output through one reusable chunk. */
    private static final class Writer {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

        Writer(OutputStream out) {
            this.out = out;
        }

        void room(int bytes) throws IOException {
            if (buf.remaining() < bytes) flush();
        }

        void flush() throws IOException {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }

        void int8(byte b) throws IOException {
            room(1);
            buf.put(b);
        }

        void int32(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void bytes(byte[] b) throws IOException {
            flush();
            out.write(b);
        }

        void string(String s) throws IOException {
            if (s == null) {
                int32(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > MAX_STRING) throw new IOException("A text of " + b.length + " bytes is longer than the " + MAX_STRING + " a data set file allows");
            int32(b.length);
            bytes(b);
        }

        void floats(float[] x) throws IOException {
            for (int at = 0; at < x.length; ) {
                room(4);
                int count = Math.min(buf.remaining() / 4, x.length - at);
                buf.asFloatBuffer().put(x, at, count);
                buf.position(buf.position() + 4 * count);
                at += count;
            }
        }

        /** Values k / 255f as the bytes k. */
        void unitBytes(float[] x) throws IOException {
            byte[] a = buf.array();
            for (int at = 0; at < x.length; ) {
                room(1);
                int pos = buf.position(), count = Math.min(buf.remaining(), x.length - at);
                for (int i = 0; i < count; i++) a[pos + i] = (byte) (int) (x[at + i] * 255f + 0.5f);
                buf.position(pos + count);
                at += count;
            }
        }
    }

    /** Little-endian input from a channel through one reusable chunk, with errors naming the file and offset. */
    private static final class Reader {
        private final FileChannel ch;
        private final Path file;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private long consumed;

        Reader(FileChannel ch, Path file) {
            this.ch = ch;
            this.file = file;
            buf.limit(0);
        }

        long position() {
            return consumed + buf.position();
        }

        /** Makes at least {@code bytes} (≤ CHUNK) bytes available. */
        void need(int bytes) throws IOException {
            if (buf.remaining() >= bytes) return;
            consumed += buf.position();
            buf.compact();
            while (buf.position() < bytes) {
                if (ch.read(buf) < 0) {
                    throw new EOFException(file + " is truncated: it ends at byte " + (consumed + buf.position()) + " where "
                            + bytes + " more bytes were expected");
                }
            }
            buf.flip();
        }

        byte int8() throws IOException {
            need(1);
            return buf.get();
        }

        int int32() throws IOException {
            need(4);
            return buf.getInt();
        }

        /** An int32 that must be in 0..max. */
        int count(String what, int max) throws IOException {
            long at = position();
            int v = int32();
            if (v < 0 || v > max) throw new IOException(file + ": " + what + " " + v + " at byte " + at + " is not in 0.." + max);
            return v;
        }

        byte[] bytes(int length) throws IOException {
            byte[] b = new byte[length];
            for (int at = 0; at < length; ) {
                need(1);
                int count = Math.min(buf.remaining(), length - at);
                buf.get(b, at, count);
                at += count;
            }
            return b;
        }

        String string() throws IOException {
            long at = position();
            int length = int32();
            if (length == -1) return null;
            if (length < 0 || length > MAX_STRING) throw new IOException(file + ": text length " + length + " at byte " + at + " is not in 0.." + MAX_STRING);
            return new String(bytes(length), StandardCharsets.UTF_8);
        }

        void floats(float[] x) throws IOException {
            for (int at = 0; at < x.length; ) {
                need(4);
                int count = Math.min(buf.remaining() / 4, x.length - at);
                buf.asFloatBuffer().get(x, at, count);
                buf.position(buf.position() + 4 * count);
                at += count;
            }
        }

        /** Bytes k as the values k / 255f. */
        void unitBytes(float[] x) throws IOException {
            byte[] a = buf.array();
            for (int at = 0; at < x.length; ) {
                need(1);
                int pos = buf.position(), count = Math.min(buf.remaining(), x.length - at);
                for (int i = 0; i < count; i++) x[at + i] = UNIT[a[pos + i] & 0xff];
                buf.position(pos + count);
                at += count;
            }
        }
    }
}
