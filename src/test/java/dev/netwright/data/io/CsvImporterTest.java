package dev.netwright.data.io;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading delimited files: parsing, header and delimiter detection, column kinds, tasks, missing values, errors. */
class CsvImporterTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Imported read(String content) throws IOException {
        return read(content, CsvImporter.Options.defaults());
    }

    private Imported read(String content, CsvImporter.Options o) throws IOException {
        return CsvImporter.read(file("data.csv", content), "id", "name", o);
    }

    private static CsvImporter.Options options(List<String> targets, Task task, CsvImporter.Missing missing, Set<String> categorical) {
        return new CsvImporter.Options(null, null, targets, task, missing, categorical);
    }

    private String error(String content) {
        return error(content, CsvImporter.Options.defaults());
    }

    private String error(String content, CsvImporter.Options o) {
        return assertThrows(DataImportException.class, () -> read(content, o)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }

    @Test
    void numericFeaturesAndCategoricalTargetMakeAMulticlassSet() throws IOException {
        Imported im = read("sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n4.9,1.4,setosa\n");
        Dataset d = im.dataset();
        assertEquals(Task.MULTICLASS, d.task());
        assertEquals(Shape.of(2), d.featureShape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new float[]{5.1f, 1.4f, 7.0f, 4.7f, 6.3f, 6.0f, 4.9f, 1.4f}, d.features());
        assertArrayEquals(new float[]{0, 1, 2, 0}, d.targets());
        assertEquals(List.of("sepal", "petal"), im.featureNames());
        assertEquals("CSV file data.csv: 4 rows, 2 features, 3 classes", d.description());
        assertEquals(4, im.sourceTrainCount());

        ColumnInfo sepal = im.columns().getFirst();
        assertEquals(ColumnInfo.NUMERIC, sepal.kind());
        assertFalse(sepal.target());
        assertEquals(4.9, sepal.min(), 1e-12);
        assertEquals(7.0, sepal.max(), 1e-12);
        assertEquals(5.825, sepal.mean(), 1e-12);
        double var = (Math.pow(5.1 - 5.825, 2) + Math.pow(7.0 - 5.825, 2) + Math.pow(6.3 - 5.825, 2) + Math.pow(4.9 - 5.825, 2)) / 4;
        assertEquals(Math.sqrt(var), sepal.std(), 1e-12);
        ColumnInfo species = im.columns().get(2);
        assertEquals(ColumnInfo.CATEGORICAL, species.kind());
        assertTrue(species.target());
        assertEquals(List.of("setosa", "versicolor", "virginica"), species.vocabulary());
    }

    @Test
    void categoricalFeaturesAreOneHotInSortedOrderAndTwoClassesAreBinary() throws IOException {
        Imported im = read("color,size,buy\nred,1.5,yes\ngreen,2,no\nblue,3,yes\nred,4,no\n");
        Dataset d = im.dataset();
        assertEquals(Task.BINARY, d.task());
        assertEquals(List.of("no", "yes"), d.classNames());
        assertEquals(List.of("color=blue", "color=green", "color=red", "size"), im.featureNames());
        assertEquals(Shape.of(4), d.featureShape());
        assertArrayEquals(new float[]{
                0, 0, 1, 1.5f,
                0, 1, 0, 2,
                1, 0, 0, 3,
                0, 0, 1, 4}, d.features());
        assertArrayEquals(new float[]{1, 0, 1, 0}, d.targets());
        assertEquals(List.of("blue", "green", "red"), im.columns().getFirst().vocabulary());
        assertContains(d.description(), "4 rows, 2 features (4 values after one-hot encoding), 2 classes");
    }

    @Test
    void integerTargetWithFewValuesIsClassificationNamedByNumber() throws IOException {
        Dataset d = read("a,b,label\n1,2,10\n3,4,2\n5,6,2\n7,8,10\n").dataset();
        assertEquals(Task.BINARY, d.task());
        assertEquals(List.of("2", "10"), d.classNames());
        assertArrayEquals(new float[]{1, 0, 0, 1}, d.targets());

        Dataset multi = read("x,y\n0.5,0\n1.5,1\n2.5,2\n3.5,1.0\n4.5,0\n5.5,2\n").dataset();
        assertEquals(Task.MULTICLASS, multi.task());
        assertEquals(List.of("0", "1", "2"), multi.classNames());
        assertArrayEquals(new float[]{0, 1, 2, 1, 0, 2}, multi.targets());

        // whole numbers that are nearly all different are not classes
        Dataset prices = read("x,y\n1,100\n2,250\n3,300\n4,250\n5,120\n").dataset();
        assertEquals(Task.REGRESSION, prices.task());
    }

    @Test
    void fractionalOrManyValuedTargetsAreRegression() throws IOException {
        Dataset d = read("x,price\n1,10.5\n2,20.25\n3,30\n").dataset();
        assertEquals(Task.REGRESSION, d.task());
        assertEquals(1, d.targetSize());
        assertEquals(List.of(), d.classNames());
        assertArrayEquals(new float[]{10.5f, 20.25f, 30}, d.targets());
        assertContains(d.description(), "regression on 'price'");

        StringBuilder many = new StringBuilder("x,y\n");
        for (int i = 0; i < 25; i++) many.append(i).append(',').append(i * 3).append('\n');
        assertEquals(Task.REGRESSION, read(many.toString()).dataset().task());
    }

    @Test
    void severalTargetsMakeAMultiOutputRegression() throws IOException {
        Imported im = read("a,b,c,d\n1,2,3,4\n5,6,7,8\n", options(List.of("d", "b"), null, null, null));
        Dataset d = im.dataset();
        assertEquals(Task.REGRESSION, d.task());
        assertEquals(2, d.targetSize());
        assertArrayEquals(new float[]{4, 2, 8, 6}, d.targets());
        assertArrayEquals(new float[]{1, 3, 5, 7}, d.features());
        assertEquals(List.of("a", "c"), im.featureNames());
        assertTrue(im.columns().get(1).target());
    }

    @Test
    void theTaskOptionOverridesTheInference() throws IOException {
        Dataset regression = read("x,y\n1,0\n2,1\n3,2\n", options(List.of(), Task.REGRESSION, null, null)).dataset();
        assertEquals(Task.REGRESSION, regression.task());
        assertArrayEquals(new float[]{0, 1, 2}, regression.targets());

        Dataset multi = read("x,y\n1,a\n2,b\n", options(List.of(), Task.MULTICLASS, null, null)).dataset();
        assertEquals(Task.MULTICLASS, multi.task());
        assertEquals(List.of("a", "b"), multi.classNames());

        assertContains(error("x,y\n1,a\n2,b\n", options(List.of(), Task.REGRESSION, null, null)),
                "Column 'y' holds categories", "cannot be a regression target");
        assertContains(error("x,y\n1,a\n2,b\n3,c\n", options(List.of(), Task.BINARY, null, null)),
                "Task BINARY needs 2 classes", "'y' has 3: [a, b, c]");
        assertContains(error("x,y\n1,0.5\n2,1\n", options(List.of(), Task.MULTICLASS, null, null)),
                "Column 'y' holds 0.5000, not a whole number");
        assertContains(error("x,y\n1,a\n2,a\n"), "Target column 'y' has a single value ('a')");
    }

    @Test
    void forcedCategoricalColumnsAreOneHotSortedByValue() throws IOException {
        Imported im = read("zone,v,t\n10,1,0\n9,2,1\n10,3,0\n", options(List.of(), null, null, Set.of("zone")));
        assertEquals(List.of("zone=9", "zone=10", "v"), im.featureNames());
        assertArrayEquals(new float[]{0, 1, 1, 1, 0, 2, 0, 1, 3}, im.dataset().features());
    }

    @Test
    void theDelimiterIsSniffed() throws IOException {
        for (String sep : List.of(";", "\t", "|")) {
            Imported im = read("a" + sep + "b" + sep + "y\n1" + sep + "2" + sep + "0\n3" + sep + "4" + sep + "1\n");
            assertEquals(List.of("a", "b"), im.featureNames(), "delimiter " + sep);
            assertArrayEquals(new float[]{1, 2, 3, 4}, im.dataset().features());
        }
        Imported european = read("name;score;y\n\"a\";1,5;0\n\"b\";2,5;1\n");
        assertEquals(List.of("name=a", "name=b", "score=1,5", "score=2,5"), european.featureNames());

        Imported given = read("a;b,y\n1;2,0\n3;4,1\n", new CsvImporter.Options(',', null, List.of(), null, null, null));
        assertEquals(List.of("a;b=1;2", "a;b=3;4"), given.featureNames());
    }

    @Test
    void quotesCrlfBomAndBlankLinesAreHandled() throws IOException {
        String content = "\uFEFF\"na,me\",\"x\",y\r\n"
                + "\"a, \"\"quoted\"\" one\",1,0\r\n"
                + "\"two\r\nlines\",2,1\r\n"
                + "  plain  , 3 ,1\r\n"
                + "\r\n\r\n   \r\n";
        Imported im = read(content);
        assertEquals("na,me", im.columns().getFirst().name());
        assertEquals(List.of("a, \"quoted\" one", "plain", "two\r\nlines"), im.columns().getFirst().vocabulary());
        assertArrayEquals(new float[]{1, 0, 0, 1, 0, 0, 1, 2, 0, 1, 0, 3}, im.dataset().features());
        assertArrayEquals(new float[]{0, 1, 1}, im.dataset().targets());
        assertEquals(3, im.dataset().size());
    }

    @Test
    void rowNumbersAreFileLinesCountingLinesInsideQuotes() {
        assertContains(error("a,b,y\n\"x\ny\",1,0\n1,2\n"), "Row 4 has 2 fields, the header has 3");
    }

    @Test
    void aHeaderIsDetected() throws IOException {
        assertEquals(List.of("a", "b"), read("a,b,y\n1,2,0\n3,4,1\n").featureNames());
        // a word above a column of numbers, even with a categorical column beside it
        assertEquals("size", read("color,size,y\nred,1,a\nblue,2,b\n").columns().get(1).name());
        // no header: generated names, the first row is data
        Imported numbers = read("1,2,0\n3,4,1\n5,6,0\n");
        assertEquals(List.of("col1", "col2"), numbers.featureNames());
        assertEquals(3, numbers.dataset().size());
        // all words, distinct, not repeated below: a header
        Imported words = read("color,shape,label\nred,round,a\nred,square,b\nblue,round,a\n");
        assertEquals("color", words.columns().getFirst().name());
        assertEquals(3, words.dataset().size());
        // all words, but they recur below: data
        Imported data = read("red,round,a\nred,square,b\nblue,round,a\n");
        assertEquals("col1", data.columns().getFirst().name());
        assertEquals(3, data.dataset().size());
        // the option wins
        Imported forced = read("a,b,y\n1,2,0\n3,4,1\n", new CsvImporter.Options(null, false, List.of(), null, null, Set.of("col1", "col2", "col3")));
        assertEquals(3, forced.dataset().size());
        assertEquals(List.of("0", "1", "y"), forced.dataset().classNames());
    }

    @Test
    void repeatedHeaderNamesAreMadeUnique() throws IOException {
        Imported im = read("a,a,y\n1,2,0\n3,4,1\n");
        assertEquals(List.of("a", "a_2"), im.featureNames());
        assertContains(String.join("\n", im.warnings()), "Column name 'a' appears more than once; column 2 is called 'a_2'");
    }

    @Test
    void missingValuesAreAnErrorByDefault() {
        assertContains(error("age,city,y\n30,Paris,0\n,Rome,1\n"), "Row 3, column 'age' is empty; choose to impute or drop rows");
        assertContains(error("age,city,y\n30,Paris,0\n31,NA,1\n"), "Row 3, column 'city' is missing ('NA')");
        for (String marker : List.of("nan", "NULL", "?")) {
            assertContains(error("age,y\n30,0\n" + marker + ",1\n"), "Row 3, column 'age' is missing ('" + marker + "')");
        }
    }

    @Test
    void imputationUsesTheMeanAndTheMostFrequentValueAndDropsRowsWithoutTarget() throws IOException {
        Imported im = read("age,city,y\n20,Rome,0\n,Paris,1\n40,,0\n30,Paris,\n60,Rome,1\n",
                options(List.of(), null, CsvImporter.Missing.IMPUTE, null));
        Dataset d = im.dataset();
        assertEquals(4, d.size());
        assertEquals(List.of("age", "city=Paris", "city=Rome"), im.featureNames());
        // mean of 20, 40, 30, 60 = 37.5; most frequent city: Paris and Rome tie at 2, Paris comes first
        assertArrayEquals(new float[]{20, 0, 1, 37.5f, 1, 0, 40, 1, 0, 60, 0, 1}, d.features());
        assertArrayEquals(new float[]{0, 1, 0, 1}, d.targets());
        String w = String.join("\n", im.warnings());
        assertContains(w, "Imputed 1 missing value in column 'age' with the mean 37.50", "Imputed 1 missing value in column 'city' with the most frequent value 'Paris'",
                "Dropped 1 row with missing targets (rows 5)");
        assertEquals(1, im.columns().getFirst().missing());
    }

    @Test
    void droppingRowsKeepsOnlyCompleteRows() throws IOException {
        Imported im = read("a,b,y\n1,2,0\n,3,1\n4,?,0\n5,6,1\n", options(List.of(), null, CsvImporter.Missing.DROP_ROWS, null));
        assertArrayEquals(new float[]{1, 2, 5, 6}, im.dataset().features());
        assertArrayEquals(new float[]{0, 1}, im.dataset().targets());
        assertContains(String.join("\n", im.warnings()), "Dropped 2 rows with missing values (rows 3, 4)");
        assertContains(error("a,b,y\n,2,0\n1,,1\n", options(List.of(), null, CsvImporter.Missing.DROP_ROWS, null)), "No rows are left: all 2 rows");
    }

    @Test
    void constantColumnsAreReported() throws IOException {
        Imported im = read("a,b,y\n1,7,0\n2,7,1\n");
        assertContains(String.join("\n", im.warnings()), "Column 'b' has a single value (7): it carries no information");
    }

    @Test
    void aWordInANumberColumnIsReportedWithRowAndColumn() {
        StringBuilder s = new StringBuilder("age,y\n");
        for (int i = 2; i <= 20; i++) s.append(i == 17 ? "abc" : Integer.toString(20 + i)).append(',').append(i % 2).append('\n');
        assertContains(error(s.toString()), "Row 17, column 'age': 'abc' is not a number", "list 'age' as categorical");
    }

    @Test
    void badFilesAreReportedClearly() {
        assertContains(error(""), "File data.csv is empty");
        assertContains(error("\n\n  \n"), "File data.csv is empty");
        assertContains(error("a,b,y\n"), "File data.csv has a header row but no data rows");
        assertContains(error("a,b,y\n1,2,3\n4,5,6,7\n"), "Row 3 has 4 fields, the header has 3");
        assertContains(error("1,2,3\n4,5\n"), "Row 2 has 2 fields, the first row has 3");
        assertContains(error("a,b,y\n1,2,0\n", options(List.of("price"), null, null, null)),
                "There is no column 'price'", "the columns are: a, b, y");
        assertContains(error("a,b,y\n1,2,0\n", options(List.of(), null, null, Set.of("z"))), "There is no column 'z' (listed as categorical)");
        assertContains(error("a,b,y\n1,\"2,0\n3,4,1\n"), "Row 2: a quoted field is not closed");
        assertContains(error("y\n1\n2\n"), "File data.csv has a single column ('y'");
        assertContains(error("a,y\n1,2\n", options(List.of("a", "y"), null, null, null)), "No feature columns are left");
        assertContains(error("a,y\n1,0\n1e39,1\n"), "Row 3, column 'a': 1e39 is too large");
    }

    @Test
    void aLargeFileIsStreamed() throws IOException {
        int rows = 200_000;
        StringBuilder s = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < rows; i++) s.append(i).append(',').append(i % 7).append(',').append(i * 0.5).append(',').append(i % 3).append('\n');
        Path p = file("big.csv", s.toString());
        long t0 = System.nanoTime();
        Dataset d = CsvImporter.read(p, "big", "big", CsvImporter.Options.defaults()).dataset();
        System.out.printf("CSV import of %d rows: %.0f ms%n", rows, (System.nanoTime() - t0) / 1e6);
        assertEquals(rows, d.size());
        assertEquals(Task.MULTICLASS, d.task());
        assertEquals(199_999 * 0.5f, d.features()[3 * (rows - 1) + 2]);
        assertEquals(199_999 % 3, d.targets()[rows - 1]);
    }
}
