package org.vsekai.backpack.contracts.vision;

/**
 * One detected object: a class label, its confidence in [0, 1], and where it is.
 *
 * @param label    the class name ({@code chair}); what metadata folds into an item's detected classes
 * @param box      where, in pixels of the original frame
 * @param classIri the class as an IRI ({@code https://backpack.v-sekai.org/ns/classes/chair}); null from producers
 *                 older than the vision service's model runs
 * @param classId  the index of the class in the model's output (for RF-DETR the COCO category id); may be null
 */
public record Detection(String label, double score, BoundingBox box, String classIri, Integer classId) {

    /** A detection without class IRI and index, as the first version of this record had it. */
    public Detection(String label, double score, BoundingBox box) {
        this(label, score, box, null, null);
    }
}
