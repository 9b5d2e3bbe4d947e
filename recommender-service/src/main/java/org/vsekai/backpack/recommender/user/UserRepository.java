package org.vsekai.backpack.recommender.user;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    // Native for ON CONFLICT: the first interaction creates the user, later ones find it there.
    private static final String ENSURE = """
            INSERT INTO users (external_id) VALUES (:externalId) ON CONFLICT (external_id) DO NOTHING""";

    public Uni<Void> ensure(String externalId) {
        return getSession().flatMap(session -> session.createNativeQuery(ENSURE)
                .setParameter("externalId", externalId).executeUpdate()).replaceWithVoid();
    }

    public Uni<Long> deleteByExternalId(String externalId) {
        return delete("externalId", externalId);
    }
}
