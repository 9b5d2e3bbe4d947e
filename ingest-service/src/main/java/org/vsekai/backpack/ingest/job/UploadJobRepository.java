package org.vsekai.backpack.ingest.job;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Upload jobs in the {@code upload_jobs} table. */
@ApplicationScoped
public class UploadJobRepository implements PanacheRepositoryBase<UploadJob, UUID> {
}
