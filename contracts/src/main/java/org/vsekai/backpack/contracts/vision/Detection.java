package org.vsekai.backpack.contracts.vision;

import java.util.List;

/**
 * One detected object: a class label, its confidence in [0, 1], and where it is. A text model's detection is also a
 * text annotation: the text read there ({@code text}, {@code textScore}) and the turned box it was read in
 * ({@code quad}).
 *
 * @param label     the class name ({@code chair}); what metadata folds into an item's detected classes
 * @param box       where, in pixels of the original frame
 * @param classIri  the class as an IRI ({@code https://backpack.v-sekai.org/ns/classes/chair}); null from producers
 *                  older than the vision service's model runs
 * @param classId   the index of the class in the model's output (for RF-DETR the COCO category id); may be null
 * @param text      the text read in the box (OCR); null when nothing was read or no recogniser is configured
 * @param textScore the recogniser's confidence in {@code text}, in [0, 1]; null when {@code text} is
 * @param quad      a text region's rotated box: four corners, top-left, top-right, bottom-right, bottom-left of the
 *                  text's own orientation, in pixels of the frame; null for other detections
 */
public record Detection(String label, double score, BoundingBox box, String classIri, Integer classId, String text,
                        Double textScore, List<Point> quad) {

    public Detection {
        quad = quad == null ? null : List.copyOf(quad);
    }

    /** A detection without text, as the records had it before OCR. */
    public Detection(String label, double score, BoundingBox box, String classIri, Integer classId) {
        this(label, score, box, classIri, classId, null, null, null);
    }

    /** A detection without class IRI and index, as the first version of this record had it. */
    public Detection(String label, double score, BoundingBox box) {
        this(label, score, box, null, null);
    }

    /** The same detection with the text read in it. */
    public Detection withText(String read, double confidence) {
        return new Detection(label, score, box, classIri, classId, read, confidence, quad);
    }
}
