package dev.netwright.ui.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What uploaded files are, judged by their names: which files the upload dialog takes, which import format a name
 * suggests, and which field of an import (see {@code datasets.Imports}) each file fills.
 */
final class UploadFiles {
    /** The import formats the dialog offers, with the id {@code Imports} takes. */
    enum Format {
        CSV("csv", "CSV / TSV"),
        IDX("idx", "IDX (MNIST format)"),
        IMAGES("images", "Image folder (zip)");

        final String id;
        final String label;

        Format(String id, String label) {
            this.id = id;
            this.label = label;
        }
    }

    static final String FILE = "file";
    static final String IMAGES = "images";
    static final String LABELS = "labels";
    static final String TEST_IMAGES = "testImages";
    static final String TEST_LABELS = "testLabels";

    private static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".txt", ".zip", ".gz");

    private UploadFiles() {
    }

    /** Tables (.csv .tsv .txt), zips, gzipped files and IDX files (names ending in "ubyte", often without extension). */
    static boolean accepted(String fileName) {
        String n = lower(fileName);
        return EXTENSIONS.stream().anyMatch(n::endsWith) || n.endsWith("ubyte");
    }

    /** The format a file name suggests: IDX for MNIST-style names, images for a zip, else CSV. */
    static Format guessFormat(String fileName) {
        String n = lower(fileName);
        if (n.contains("ubyte") || n.contains("idx1") || n.contains("idx3")) return Format.IDX;
        if (n.endsWith(".zip")) return Format.IMAGES;
        return Format.CSV;
    }

    /**
     * The import field of each file, in the order given: {@code file} for CSV and image zips (one file); for IDX a
     * name containing "label" is a labels file, any other an images file, and "t10k" or "test" in the name makes it
     * the test part ({@code testImages}, {@code testLabels}).
     *
     * @return field → file name
     * @throws IllegalArgumentException a file is missing, or two files claim the same field (the message says which)
     */
    static Map<String, String> fields(Format format, List<String> fileNames) {
        if (fileNames.isEmpty()) throw new IllegalArgumentException("Add a file first");
        if (format != Format.IDX) {
            if (fileNames.size() > 1) {
                throw new IllegalArgumentException(format.label + " takes one file, but " + fileNames.size() + " were added ("
                        + String.join(", ", fileNames) + "): remove all but one");
            }
            return Map.of(FILE, fileNames.getFirst());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : fileNames) {
            String field = idxField(name);
            String other = out.putIfAbsent(field, name);
            if (other != null) {
                throw new IllegalArgumentException("Both '" + other + "' and '" + name + "' look like the " + describe(field)
                        + ": remove one of them");
            }
        }
        List<String> missing = new ArrayList<>();
        if (!out.containsKey(IMAGES)) missing.add("the training images");
        if (!out.containsKey(LABELS)) missing.add("the training labels (a file with \"labels\" in its name)");
        if (out.containsKey(TEST_IMAGES) != out.containsKey(TEST_LABELS)) {
            missing.add(out.containsKey(TEST_IMAGES) ? "the test labels" : "the test images");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("IDX needs images and labels files; missing: " + String.join(", ", missing));
        }
        return out;
    }

    /** The IDX field a file name suggests. */
    static String idxField(String fileName) {
        String n = lower(fileName);
        boolean labels = n.contains("label");
        boolean test = n.contains("t10k") || n.contains("test");
        if (test) return labels ? TEST_LABELS : TEST_IMAGES;
        return labels ? LABELS : IMAGES;
    }

    /** The last part of a file name the browser sent, with anything but letters, digits, '.', '-' and '_' made '_'. */
    static String safeName(String fileName) {
        String n = fileName == null ? "" : fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._-]", "_");
        return n.isEmpty() || n.equals(".") || n.equals("..") ? "upload" : n;
    }

    /** How a field reads in messages: "training images", "test labels", ... */
    static String describe(String field) {
        return switch (field) {
            case IMAGES -> "training images";
            case LABELS -> "training labels";
            case TEST_IMAGES -> "test images";
            case TEST_LABELS -> "test labels";
            default -> "data file";
        };
    }

    private static String lower(String fileName) {
        return fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    }
}
