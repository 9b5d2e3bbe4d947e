package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;

/** Reads {@link InteractionEvent} records of {@code interactions}. */
public class InteractionEventDeserializer extends EventDeserializer<InteractionEvent> {

    public InteractionEventDeserializer() {
        super(Topics.INTERACTIONS);
    }
}
