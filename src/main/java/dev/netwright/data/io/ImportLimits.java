package dev.netwright.data.io;

/**
 * Bounds an import must stay within, so that a hostile or broken upload (a zip bomb, a huge image) fails with a
 * message instead of filling memory.
 *
 * @param maxUncompressedBytes the most bytes all entries of an archive may decompress to, counted while reading
 * @param maxEntries           the most entries an archive may hold (folders included)
 * @param maxPixels            the most pixels (width × height) one image may have
 */
public record ImportLimits(long maxUncompressedBytes, int maxEntries, int maxPixels) {

    /** 2 GiB uncompressed, 200,000 entries, 4096 × 4096 pixels per image. */
    public static final ImportLimits DEFAULT = new ImportLimits(2L << 30, 200_000, 4096 * 4096);

    public ImportLimits {
        if (maxUncompressedBytes <= 0 || maxEntries <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("Import limits must be positive. Received: maxUncompressedBytes="
                    + maxUncompressedBytes + ", maxEntries=" + maxEntries + ", maxPixels=" + maxPixels);
        }
    }
}
