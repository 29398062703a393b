package dev.netwright.data.io;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Reads a delimited text file (CSV, TSV, ; or | separated) into a tabular {@link Dataset}.
 *
 * <p>The file is read as UTF-8 (a byte order mark is skipped) in one streaming pass; fields follow RFC 4180
 * quoting. Numeric columns become one feature each, categorical columns one one-hot feature per value. Rows in
 * messages are line numbers of the file (header included), as a text editor shows them.
 *
 * <p>Column kinds and the task are inferred as described in {@link Options}. A column is numeric when every cell
 * that is not missing is a number, else categorical; a column of numbers with a few words in it is taken for a typo
 * and reported, unless the column is listed as categorical.
 */
public final class CsvImporter {
    /** An integer target with at most this many distinct values is read as class labels. */
    static final int MAX_INFERRED_CLASSES = 20;
    /** A categorical column with more distinct values than this cannot be one-hot encoded and is left out. */
    static final int MAX_CATEGORIES = 1000;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final Set<String> MISSING_MARKERS = Set.of("na", "nan", "null", "?");

    /** What to do with missing cells (empty, NA, NaN, null or ?). */
    public enum Missing {
        /** Stop at the first missing cell. */
        ERROR,
        /** Fill features with the column mean (numeric) or most frequent value (categorical); drop rows without a target. */
        IMPUTE,
        /** Leave out every row with a missing cell. */
        DROP_ROWS
    }

    /**
     * How to read the file; {@code null} means "work it out".
     *
     * @param delimiter   the field separator; null: the one of {@code , ; TAB |} that splits the first lines evenly
     * @param header      whether the first row names the columns; null: detected (a first row with a word above a
     *                    column of numbers, or of distinct words that do not recur below, is a header)
     * @param targets     target column names; empty: the last column
     * @param task        the task; null: a categorical target, or an integer one with at most
     *                    {@value #MAX_INFERRED_CLASSES} values (and, beyond 2 values, at least two rows per value
     *                    on average), is classification (2 classes binary), else regression
     * @param missing     the missing-value policy; null: {@link Missing#ERROR}
     * @param categorical columns to treat as categories even if they hold numbers
     */
    public record Options(Character delimiter, Boolean header, List<String> targets, Task task, Missing missing,
                          Set<String> categorical) {
        public Options {
            if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
                throw new IllegalArgumentException("A delimiter cannot be a quote or a line break. Received: " + delimiter);
            }
            targets = targets == null ? List.of() : List.copyOf(targets);
            missing = missing == null ? Missing.ERROR : missing;
            categorical = categorical == null ? Set.of() : Set.copyOf(categorical);
        }

        /** Everything detected, missing values are an error. */
        public static Options defaults() {
            return new Options(null, null, List.of(), null, Missing.ERROR, Set.of());
        }
    }

    private CsvImporter() {
    }

    /**
     * Reads {@code file} into a data set named {@code name}.
     *
     * @throws DataImportException when the file cannot be read as a table for the options (the message names the row
     *                             and column)
     */
    public static Imported read(Path file, String id, String name, Options o) {
        String fileName = String.valueOf(file.getFileName());
        Table table;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            table = Table.read(in, fileName, o);
        } catch (IOException e) {
            throw new DataImportException("Cannot read " + fileName + ": " + e.getMessage(), e);
        }
        return build(table, fileName, id, name, o);
    }

    /** The classes of a one-column classification target, or none (regression). */
    private record Classes(List<String> names, int[] classOfRow) {
    }

    private static Imported build(Table t, String fileName, String id, String name, Options o) {
        List<String> warnings = new ArrayList<>(t.warnings);
        List<Column> targets = t.targetOrder.stream().map(t.columns::get).toList();
        Classes classes = classes(targets, o.task());
        Task task = o.task() != null ? o.task() : classes == null ? Task.REGRESSION : classes.names().size() == 2 ? Task.BINARY : Task.MULTICLASS;

        List<Column> features = new ArrayList<>();
        for (Column c : t.columns) {
            if (c.target) continue;
            if (c.tooManyValues) {
                warnings.add("Column '" + c.name + "' was left out: it has more than " + MAX_CATEGORIES
                        + " distinct values, too many categories to encode");
            } else if (c.empty()) {
                warnings.add("Column '" + c.name + "' was left out: it is missing in every row");
            } else {
                features.add(c);
            }
        }
        if (features.isEmpty()) {
            throw new DataImportException("No feature columns are left in " + fileName + ": the columns are "
                    + t.names() + " and the targets " + targets.stream().map(c -> c.name).toList());
        }
        int[] kept = keptRows(t, features, targets, o.missing(), warnings);

        List<String> featureNames = new ArrayList<>();
        for (Column c : features) {
            if (c.categorical) c.vocabulary.forEach(v -> featureNames.add(c.name + "=" + v));
            else featureNames.add(c.name);
        }
        int width = featureNames.size();
        if ((long) kept.length * width > Integer.MAX_VALUE - 8) {
            throw new DataImportException("File " + fileName + " is too large: " + kept.length + " rows × " + width
                    + " feature values exceed the " + (Integer.MAX_VALUE - 8) + " values one data set can hold");
        }
        float[] x = new float[kept.length * width];
        int offset = 0;
        for (Column c : features) {
            int filled = c.fill(kept, x, offset, width);
            if (filled > 0) warnings.add("Imputed " + filled + " missing value" + (filled == 1 ? "" : "s") + " in column '" + c.name
                    + "' with " + (c.categorical ? "the most frequent value '" + c.vocabulary.get(c.mode()) + "'" : "the mean " + fmt(c.mean)));
            offset += c.categorical ? c.vocabulary.size() : 1;
        }
        for (Column c : t.columns) {
            if (c.constant()) warnings.add("Column '" + c.name + "' has a single value (" + (c.categorical ? "'" + c.vocabulary.get(0) + "'"
                    : fmt(c.min)) + "): it carries no information");
        }

        int targetSize = classes == null ? targets.size() : 1;
        float[] y = new float[kept.length * targetSize];
        for (int i = 0; i < kept.length; i++) {
            for (int j = 0; j < targetSize; j++) {
                y[i * targetSize + j] = classes != null ? classes.classOfRow()[kept[i]] : (float) targets.get(j).numbers[kept[i]];
            }
        }
        String about = classes != null ? classes.names().size() + " classes"
                : "regression on " + targets.stream().map(c -> "'" + c.name + "'").reduce((a, b) -> a + ", " + b).orElseThrow();
        String description = "CSV file " + fileName + ": " + kept.length + " rows, " + features.size() + " features"
                + (width != features.size() ? " (" + width + " values after one-hot encoding)" : "") + ", " + about;
        Dataset d = new Dataset(id, name, description, task, Shape.of(width), targetSize,
                classes == null ? List.of() : classes.names(), x, y);
        return new Imported(d, t.columns.stream().map(Column::info).toList(), featureNames, warnings, d.size());
    }

    /** Classes of the target, or null for regression; checks the task asked for fits the target. */
    private static Classes classes(List<Column> targets, Task task) {
        for (Column c : targets) {
            if (c.empty()) throw new DataImportException("Target column '" + c.name + "' is missing in every row");
        }
        if (targets.size() > 1) {
            if (task != null && task != Task.REGRESSION) {
                throw new DataImportException("Task " + task + " takes one target column, but " + targets.size() + " were chosen: "
                        + targets.stream().map(c -> c.name).toList());
            }
            for (Column c : targets) {
                if (c.categorical) throw new DataImportException("Column '" + c.name + "' holds categories, so it cannot be one of several regression targets");
            }
            return null;
        }
        Column c = targets.getFirst();
        List<String> names;
        int[] classOfRow = new int[c.size];
        if (c.categorical) {
            if (task == Task.REGRESSION) {
                throw new DataImportException("Column '" + c.name + "' holds categories (such as '" + c.firstText
                        + "'), so it cannot be a regression target; choose classification or another column");
            }
            if (c.tooManyValues) throw new DataImportException("Target column '" + c.name + "' has more than " + MAX_CATEGORIES + " distinct values: too many classes");
            names = c.vocabulary;
            for (int r = 0; r < c.size; r++) classOfRow[r] = c.codes[r] < 0 ? -1 : c.rank[c.codes[r]];
        } else {
            if (task == Task.REGRESSION) return null;
            double[] labels = c.distinct(task == null ? MAX_INFERRED_CLASSES : MAX_CATEGORIES);
            boolean whole = labels != null && Arrays.stream(labels).allMatch(v -> v == Math.rint(v));
            if (task == null && !(whole && (labels.length <= 2 || labels.length * 2 <= c.numeric))) return null;
            if (labels == null) throw new DataImportException("Target column '" + c.name + "' has more than " + MAX_CATEGORIES + " distinct values: too many classes");
            if (!whole) {
                double v = Arrays.stream(labels).filter(l -> l != Math.rint(l)).findFirst().orElseThrow();
                throw new DataImportException("Column '" + c.name + "' holds " + fmt(v) + ", not a whole number, so it cannot be a class label for " + task);
            }
            names = Arrays.stream(labels).mapToObj(v -> Long.toString((long) v)).toList();
            for (int r = 0; r < c.size; r++) classOfRow[r] = Double.isNaN(c.numbers[r]) ? -1 : Arrays.binarySearch(labels, c.numbers[r]);
        }
        if (names.size() < 2) {
            throw new DataImportException("Target column '" + c.name + "' has a single value ('" + names.getFirst() + "'): there is nothing to classify");
        }
        if (task == Task.BINARY && names.size() != 2) {
            throw new DataImportException("Task BINARY needs 2 classes, but column '" + c.name + "' has " + names.size() + ": "
                    + names.subList(0, Math.min(10, names.size())) + (names.size() > 10 ? " ..." : ""));
        }
        return new Classes(names, classOfRow);
    }

    /** Rows that make samples under the missing-value policy; warns about the ones left out. */
    private static int[] keptRows(Table t, List<Column> features, List<Column> targets, Missing policy, List<String> warnings) {
        List<Column> checked = policy == Missing.DROP_ROWS ? new ArrayList<>(features) : new ArrayList<>();
        checked.addAll(targets);
        int[] kept = IntStream.range(0, t.rows).filter(r -> checked.stream().noneMatch(c -> c.missingAt(r))).toArray();
        int dropped = t.rows - kept.length;
        if (kept.length == 0) {
            throw new DataImportException("No rows are left: all " + t.rows + " rows have missing values"
                    + (policy == Missing.IMPUTE ? " in the target" : "") + "; choose another missing-value policy or fix the file");
        }
        if (dropped > 0) {
            int[] lines = IntStream.range(0, t.rows).filter(r -> Arrays.binarySearch(kept, r) < 0).limit(10).map(r -> t.lines[r]).toArray();
            warnings.add("Dropped " + dropped + " row" + (dropped == 1 ? "" : "s") + " with missing " + (policy == Missing.IMPUTE ? "targets" : "values")
                    + " (rows " + Arrays.toString(lines).replaceAll("[\\[\\]]", "") + (dropped > lines.length ? ", ..." : "") + ")");
        }
        return kept;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The names in {@code wanted} mapped to their columns, with a message listing the columns for an unknown one. */
    static Map<String, Integer> resolve(List<String> names, Iterable<String> wanted, String role) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String w : wanted) {
            String n = w.strip();
            int i = names.indexOf(n);
            if (i < 0) throw new DataImportException("There is no column '" + n + "' (" + role + "); the columns are: " + String.join(", ", names));
            out.putIfAbsent(n, i);
        }
        return out;
    }

    /** Missing: an empty cell or NA, NaN, null, ? in any case. */
    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.length() <= 4 && MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT));
    }

    /** A plain decimal number: optional sign, digits with an optional point, optional exponent (no hex, no "1f"). */
    static boolean isNumber(String s) {
        int i = 0, n = s.length(), digits = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        for (; i < n && isDigit(s.charAt(i)); i++) digits++;
        if (i < n && s.charAt(i) == '.') {
            for (i++; i < n && isDigit(s.charAt(i)); i++) digits++;
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exponent = 0;
            for (; i < n && isDigit(s.charAt(i)); i++) exponent++;
            if (exponent == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String shown(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    /** The cells of a file, column by column, with the file line of each data row. */
    private static final class Table {
        /** Rows read before deciding whether the first one is a header. */
        private static final int SAMPLE_ROWS = 50;

        final List<Column> columns = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        /** Indices of the target columns, in the order they were asked for. */
        final List<Integer> targetOrder;
        int[] lines = new int[1024];
        int rows;
        private final Missing policy;
        private final String widthOwner;

        static Table read(BufferedReader in, String fileName, Options o) throws IOException {
            in.mark(1);
            if (in.read() != '\uFEFF') in.reset();
            char delimiter = o.delimiter() != null ? o.delimiter() : sniff(in);
            Records records = new Records(in, delimiter);
            List<List<String>> head = new ArrayList<>();
            List<Integer> headLines = new ArrayList<>();
            for (List<String> r; head.size() < SAMPLE_ROWS && (r = records.next()) != null; ) {
                head.add(r);
                headLines.add(records.recordLine);
            }
            if (head.isEmpty()) throw new DataImportException("File " + fileName + " is empty");
            boolean header = o.header() != null ? o.header() : looksLikeHeader(head);
            Table t = new Table(o, header, head.getFirst(), fileName, delimiter);
            for (int i = header ? 1 : 0; i < head.size(); i++) t.add(head.get(i), headLines.get(i));
            for (List<String> r; (r = records.next()) != null; ) t.add(r, records.recordLine);
            if (t.rows == 0) throw new DataImportException("File " + fileName + " has a header row but no data rows");
            t.columns.forEach(Column::settle);
            return t;
        }

        private Table(Options o, boolean header, List<String> first, String fileName, char delimiter) {
            policy = o.missing();
            widthOwner = header ? "the header has " : "the first row has ";
            List<String> names = header ? headerNames(first) : IntStream.rangeClosed(1, first.size()).mapToObj(i -> "col" + i).toList();
            if (names.size() < 2) {
                throw new DataImportException("File " + fileName + " has a single column ('" + names.getFirst() + "', read with delimiter "
                        + shown(delimiter) + "): a data set needs feature columns besides the target");
            }
            List<String> wanted = o.targets().isEmpty() ? List.of(names.getLast()) : o.targets();
            targetOrder = List.copyOf(resolve(names, wanted, "chosen as target").values());
            Set<Integer> targets = new HashSet<>(targetOrder);
            Set<Integer> categorical = new HashSet<>(resolve(names, o.categorical(), "listed as categorical").values());
            for (int i = 0; i < names.size(); i++) columns.add(new Column(names.get(i), targets.contains(i), categorical.contains(i)));
        }

        List<String> names() {
            return columns.stream().map(c -> c.name).toList();
        }

        private void add(List<String> record, int line) {
            if (record.size() != columns.size()) {
                throw new DataImportException("Row " + line + " has " + record.size() + " field" + (record.size() == 1 ? "" : "s") + ", "
                        + widthOwner + columns.size());
            }
            if (rows == lines.length) lines = Arrays.copyOf(lines, rows * 2);
            lines[rows++] = line;
            for (int c = 0; c < record.size(); c++) {
                String cell = record.get(c);
                Column column = columns.get(c);
                if (policy == Missing.ERROR && isMissing(cell)) {
                    throw new DataImportException("Row " + line + ", column '" + column.name + "' is "
                            + (cell.isEmpty() ? "empty" : "missing ('" + cell + "')") + "; choose to impute or drop rows");
                }
                column.add(cell, line);
            }
        }

        /** Header cells stripped; a blank one is named by position, a repeated one gets a suffix (with a warning). */
        private List<String> headerNames(List<String> first) {
            List<String> names = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < first.size(); i++) {
                String n = first.get(i).strip();
                if (n.isEmpty()) n = "col" + (i + 1);
                String unique = n;
                for (int k = 2; taken.contains(unique); k++) unique = n + "_" + k;
                if (!unique.equals(n)) warnings.add("Column name '" + n + "' appears more than once; column " + (i + 1) + " is called '" + unique + "'");
                taken.add(unique);
                names.add(unique);
            }
            return names;
        }

        /**
         * The first row is a header when one of its cells is a word above a column of numbers, or when all its cells
         * are distinct words none of which recurs in its column below (a header names a column once).
         */
        static boolean looksLikeHeader(List<List<String>> head) {
            List<String> first = head.getFirst();
            List<List<String>> below = head.subList(1, head.size());
            boolean distinctWords = true;
            Set<String> seen = new HashSet<>();
            for (int c = 0; c < first.size(); c++) {
                String cell = first.get(c);
                boolean word = !isMissing(cell) && !isNumber(cell);
                if (word && numbersBelow(below, c)) return true;
                if (!word || !seen.add(cell) || recursBelow(below, c, cell)) distinctWords = false;
            }
            return distinctWords;
        }

        private static boolean numbersBelow(List<List<String>> below, int c) {
            boolean any = false;
            for (List<String> row : below) {
                if (c >= row.size() || isMissing(row.get(c))) continue;
                if (!isNumber(row.get(c))) return false;
                any = true;
            }
            return any;
        }

        private static boolean recursBelow(List<List<String>> below, int c, String cell) {
            return below.stream().anyMatch(row -> c < row.size() && row.get(c).equals(cell));
        }

        /**
         * The delimiter among {@code , ; TAB |} that splits the first lines (outside quotes) into the same number of
         * fields; a consistent one other than the comma wins over the comma (so "1,5;2,5" splits at ';'). Else the
         * most frequent one in the first line; else the comma.
         */
        private static char sniff(BufferedReader in) throws IOException {
            char[] buf = new char[1 << 16];
            in.mark(buf.length);
            int n = 0;
            for (int k; n < buf.length && (k = in.read(buf, n, buf.length - n)) > 0; ) n += k;
            in.reset();
            int maxLines = 20, lines = 0;
            int[][] counts = new int[maxLines][DELIMITERS.length];
            boolean quoted = false, content = false;
            for (int i = 0; i < n && lines < maxLines; i++) {
                char ch = buf[i];
                if (ch == '"') {
                    quoted = !quoted;
                } else if (!quoted && (ch == '\n' || ch == '\r')) {
                    if (content) lines++;
                    content = false;
                } else {
                    content |= !Character.isWhitespace(ch);
                    for (int d = 0; d < DELIMITERS.length && !quoted; d++) if (ch == DELIMITERS[d]) counts[lines][d]++;
                }
            }
            if (content && lines < maxLines && (n < buf.length || lines == 0)) lines++;
            char best = ',';
            long bestScore = 0;
            for (int d = 0; d < DELIMITERS.length; d++) {
                int firstCount = counts[0][d];
                boolean even = true;
                for (int l = 1; l < lines; l++) even &= counts[l][d] == firstCount;
                long score = firstCount == 0 ? 0 : (even ? 1L << 40 : 0) + (even && DELIMITERS[d] != ',' ? 1L << 32 : 0) + firstCount;
                if (score > bestScore) {
                    best = DELIMITERS[d];
                    bestScore = score;
                }
            }
            return best;
        }
    }

    /** Splits text into records of fields: RFC 4180 quotes, LF, CRLF or CR line ends; blank lines are skipped. */
    private static final class Records {
        private final BufferedReader in;
        private final char delimiter;
        private final char[] buf = new char[1 << 16];
        private final StringBuilder field = new StringBuilder();
        private int pos, len;
        private int line = 1;
        private int ended;
        /** The file line where the last record returned by {@link #next()} starts. */
        int recordLine;

        Records(BufferedReader in, char delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        /** The next record that is not blank, or null at the end of the file. */
        List<String> next() throws IOException {
            while (peek() != -1) {
                recordLine = line;
                List<String> fields = new ArrayList<>();
                do {
                    fields.add(field());
                } while (ended == delimiter);
                if (fields.size() > 1 || !fields.getFirst().isEmpty()) return fields;
            }
            return null;
        }

        /** One field; sets {@link #ended} to what ended it: the delimiter, '\n' or -1. Unquoted fields are stripped. */
        private String field() throws IOException {
            field.setLength(0);
            int c = read();
            while (c != -1 && !endsField(c) && Character.isWhitespace(c)) c = read();
            if (c == '"') {
                quoted();
                for (c = read(); c != -1 && !endsField(c); c = read()) {
                    if (!Character.isWhitespace(c)) field.append((char) c);
                }
                ended = lineEnd(c);
                return field.toString();
            }
            for (; c != -1 && !endsField(c); c = read()) field.append((char) c);
            ended = lineEnd(c);
            return field.toString().strip();
        }

        /** The inside of a quoted field, the opening quote already read; a doubled quote is a quote. */
        private void quoted() throws IOException {
            while (true) {
                int c = read();
                if (c == -1) {
                    throw new DataImportException("Row " + recordLine + ": a quoted field is not closed (its opening quote has no closing quote before the end of the file)");
                }
                if (c == '"') {
                    if (peek() != '"') return;
                    pos++;
                } else if (c == '\n' || c == '\r' && peek() != '\n') {
                    line++;
                }
                field.append((char) c);
            }
        }

        private boolean endsField(int c) {
            return c == delimiter || c == '\n' || c == '\r';
        }

        /** Folds CRLF and CR into '\n' and counts the line. */
        private int lineEnd(int c) throws IOException {
            if (c == '\r') {
                if (peek() == '\n') pos++;
                c = '\n';
            }
            if (c == '\n') line++;
            return c;
        }

        private int read() throws IOException {
            return pos < len || fill() ? buf[pos++] : -1;
        }

        private int peek() throws IOException {
            return pos < len || fill() ? buf[pos] : -1;
        }

        private boolean fill() throws IOException {
            pos = 0;
            do {
                len = in.read(buf, 0, buf.length);
            } while (len == 0);
            if (len > 0) return true;
            len = 0;
            return false;
        }
    }

    /** One column's cells: as numbers (NaN where missing or not a number) and as codes of their distinct texts. */
    private static final class Column {
        final String name;
        final boolean target;
        private final boolean forcedCategorical;
        double[] numbers = new double[1024];
        /** Index into {@link #texts}, -1 where missing; null once the column has more than MAX_CATEGORIES texts. */
        int[] codes = new int[1024];
        private final Map<String, Integer> codeOf = new HashMap<>();
        private final List<String> texts = new ArrayList<>();
        int size, missing, numeric, words, firstWordLine;
        String firstText;
        boolean categorical, tooManyValues;
        /** The distinct texts of a categorical column, sorted; {@code rank[code]} is a text's position here. */
        List<String> vocabulary = List.of();
        int[] rank;
        double min, max, mean, std;
        private int mode = -1;

        Column(String name, boolean target, boolean forcedCategorical) {
            this.name = name;
            this.target = target;
            this.forcedCategorical = forcedCategorical;
        }

        void add(String cell, int line) {
            if (size == numbers.length) {
                numbers = Arrays.copyOf(numbers, size * 2);
                if (codes != null) codes = Arrays.copyOf(codes, size * 2);
            }
            if (isMissing(cell)) {
                numbers[size] = Double.NaN;
                if (codes != null) codes[size] = -1;
                missing++;
                size++;
                return;
            }
            if (isNumber(cell)) {
                double v = Double.parseDouble(cell) + 0.0;
                if (Math.abs(v) > Float.MAX_VALUE) {
                    throw new DataImportException("Row " + line + ", column '" + name + "': " + cell + " is too large (beyond ±3.4e38)");
                }
                numbers[size] = v;
                numeric++;
            } else {
                numbers[size] = Double.NaN;
                if (words++ == 0) {
                    firstText = cell;
                    firstWordLine = line;
                }
            }
            if (codes != null) {
                Integer code = codeOf.get(cell);
                if (code == null && texts.size() == MAX_CATEGORIES) {
                    codes = null;
                    codeOf.clear();
                    texts.clear();
                } else {
                    if (code == null) {
                        code = texts.size();
                        codeOf.put(cell, code);
                        texts.add(cell);
                    }
                    codes[size] = code;
                }
            }
            size++;
        }

        /** Decides the kind once all cells are in; a number column with a few words in it is an error. */
        void settle() {
            if (words > 0 && !forcedCategorical && numeric > words) {
                throw new DataImportException("Row " + firstWordLine + ", column '" + name + "': '" + firstText + "' is not a number ("
                        + numeric + " other cells of this column are numbers; fix the value, or list '" + name + "' as categorical)");
            }
            categorical = forcedCategorical || words > 0;
            if (categorical) {
                tooManyValues = codes == null;
                if (!tooManyValues) sortVocabulary();
                return;
            }
            double sum = 0, squares = 0;
            min = numeric == 0 ? 0 : Double.POSITIVE_INFINITY;
            max = numeric == 0 ? 0 : Double.NEGATIVE_INFINITY;
            for (int r = 0; r < size; r++) {
                double v = numbers[r];
                if (Double.isNaN(v)) continue;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            mean = numeric == 0 ? 0 : sum / numeric;
            for (int r = 0; r < size; r++) if (!Double.isNaN(numbers[r])) squares += (numbers[r] - mean) * (numbers[r] - mean);
            std = numeric == 0 ? 0 : Math.sqrt(squares / numeric);
        }

        /** Texts sorted as numbers when they all are numbers, else alphabetically. */
        private void sortVocabulary() {
            String[] sorted = texts.toArray(String[]::new);
            if (texts.stream().allMatch(CsvImporter::isNumber)) {
                Arrays.sort(sorted, Comparator.comparingDouble(Double::parseDouble).thenComparing(s -> s));
            } else {
                Arrays.sort(sorted);
            }
            vocabulary = List.of(sorted);
            rank = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) rank[codeOf.get(sorted[i])] = i;
        }

        boolean empty() {
            return missing == size;
        }

        boolean constant() {
            return !tooManyValues && !empty() && (categorical ? vocabulary.size() == 1 : min == max);
        }

        boolean missingAt(int row) {
            return categorical ? codes != null && codes[row] < 0 : Double.isNaN(numbers[row]);
        }

        /** Sorted distinct numbers of the column, or null when there are more than {@code cap}. */
        double[] distinct(int cap) {
            TreeSet<Double> seen = new TreeSet<>();
            for (int r = 0; r < size; r++) {
                if (!Double.isNaN(numbers[r]) && seen.add(numbers[r]) && seen.size() > cap) return null;
            }
            return seen.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Vocabulary position of the most frequent value (the first in order on ties). */
        int mode() {
            if (mode < 0) {
                int[] counts = new int[vocabulary.size()];
                for (int r = 0; r < size; r++) if (codes[r] >= 0) counts[rank[codes[r]]]++;
                mode = 0;
                for (int i = 1; i < counts.length; i++) if (counts[i] > counts[mode]) mode = i;
            }
            return mode;
        }

        /**
         * Writes the column's values for the kept rows into {@code x} (one row of {@code width} per sample, this
         * column's slots from {@code offset}); fills missing cells with the mean or most frequent value.
         *
         * @return how many cells were filled in
         */
        int fill(int[] kept, float[] x, int offset, int width) {
            int filled = 0;
            for (int i = 0; i < kept.length; i++) {
                int r = kept[i], at = i * width + offset;
                if (categorical) {
                    int code = codes[r];
                    if (code < 0) filled++;
                    x[at + (code < 0 ? mode() : rank[code])] = 1;
                } else {
                    double v = numbers[r];
                    if (Double.isNaN(v)) {
                        v = mean;
                        filled++;
                    }
                    x[at] = (float) v;
                }
            }
            return filled;
        }

        ColumnInfo info() {
            return categorical
                    ? new ColumnInfo(name, ColumnInfo.CATEGORICAL, target, vocabulary, missing, 0, 0, 0, 0)
                    : new ColumnInfo(name, ColumnInfo.NUMERIC, target, List.of(), missing, min, max, mean, std);
        }
    }
}
