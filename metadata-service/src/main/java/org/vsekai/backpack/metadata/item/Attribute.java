package org.vsekai.backpack.metadata.item;

import java.util.Locale;

/**
 * A recommendation attribute of an item. Keywords and categories hold many values, the others one (the first rule
 * of {@link AttributeMapping} that yields a value wins). {@link #column()} is the name in
 * {@code item_attribute_values} and in {@code GET /items} queries.
 */
public enum Attribute {
    KIND("kind", false, false),
    NAME("name", false, false),
    KEYWORDS("keyword", true, true),
    CATEGORIES("category", true, true),
    CREATOR("creator", false, false),
    LICENSE("license", false, false),
    /** Not a query key (not indexed, like the name): the text the item's embedding reads. */
    DESCRIPTION("description", false, false);

    private final String column;
    private final boolean many;
    private final boolean folded;

    Attribute(String column, boolean many, boolean folded) {
        this.column = column;
        this.many = many;
        this.folded = folded;
    }

    public String column() {
        return column;
    }

    public boolean many() {
        return many;
    }

    /**
     * The form a value is stored and looked up in: keywords and categories are trimmed and lower-cased, so that
     * "Chair" and "chair" are one keyword; identities (creator, licence IRIs) are kept exactly.
     */
    public String normalise(String value) {
        String trimmed = value.strip();
        return folded ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }
}
