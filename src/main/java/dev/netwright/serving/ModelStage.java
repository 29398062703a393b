package dev.netwright.serving;

import java.util.Arrays;
import java.util.Locale;

/** Where a registered model stands. At most one model per name is in {@link #PRODUCTION}. */
public enum ModelStage {
    DRAFT, STAGING, PRODUCTION;

    /** The name used in JSON and in the database: {@code draft}, {@code staging}, {@code production}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the stages when {@code text} is none of them */
    public static ModelStage parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (ModelStage s : values()) {
            if (s.id().equals(t)) return s;
        }
        throw new IllegalArgumentException("Unknown stage '" + text + "'; expected one of "
                + Arrays.stream(values()).map(ModelStage::id).toList());
    }
}
