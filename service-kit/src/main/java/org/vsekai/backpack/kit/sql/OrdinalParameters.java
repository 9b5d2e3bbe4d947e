package org.vsekai.backpack.kit.sql;

/**
 * One statement for both kinds of client: the reactive SQL client binds {@code $1, $2, ...}; Hibernate native queries
 * take JPA's ordinal parameters {@code ?1, ?2, ...} (and Hibernate Reactive turns them back into {@code $n} for
 * PostgreSQL).
 */
public final class OrdinalParameters {

    private OrdinalParameters() {
    }

    /** {@code sql} with every {@code $n} written as {@code ?n}; the SQL kit statements contain no other {@code $}. */
    public static String forHibernate(String sql) {
        return sql.replaceAll("\\$(\\d+)", "?$1");
    }
}
