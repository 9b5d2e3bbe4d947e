package org.vsekai.backpack.contracts.vision;

import java.util.List;

/** What {@code GET /models} answers: every model the vision service has loaded, by name. */
public record ModelCatalog(List<ModelInfo> models) {
}
