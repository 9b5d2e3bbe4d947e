package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;

/** Reads {@link ItemAttributes} records of {@code item-attributes}. */
public class ItemAttributesDeserializer extends EventDeserializer<ItemAttributes> {

    public ItemAttributesDeserializer() {
        super(Topics.ITEM_ATTRIBUTES);
    }
}
