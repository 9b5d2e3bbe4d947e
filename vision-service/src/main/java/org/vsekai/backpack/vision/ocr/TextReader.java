package org.vsekai.backpack.vision.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.vsekai.backpack.contracts.vision.ClassScore;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.decode.ImageFindings;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.inference.InferenceEngine;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;

/**
 * The OCR stages after a text detector, as PaddleOCR's {@code TextSystem}: every detected box is cropped along its
 * own orientation ({@link LineCrops}), turned over when the orientation classifier says {@code 180} sure enough, and
 * read by the recogniser; lines go to the recogniser sorted by aspect ratio, a batch sharing the widest line's
 * tensor. A detection keeps its place; it gets the text when the recogniser is at least {@code drop-score} sure.
 * Runs on the worker that ran the detector, so the three models count as one task of the detector.
 */
public final class TextReader {

    static final String TURNED = "180";

    private final LoadedModel recogniser;
    private final Optional<LoadedModel> classifier;
    private final double classifierThreshold;
    private final double dropScore;

    public TextReader(LoadedModel recogniser, Optional<LoadedModel> classifier, VisionConfig.Ocr settings) {
        this(recogniser, classifier, settings.classifierThreshold(), settings.dropScore());
    }

    public TextReader(LoadedModel recogniser, Optional<LoadedModel> classifier, double classifierThreshold,
                      double dropScore) {
        this.recogniser = recogniser;
        this.classifier = classifier;
        this.classifierThreshold = classifierThreshold;
        this.dropScore = dropScore;
    }

    public LoadedModel recogniser() {
        return recogniser;
    }

    public Optional<LoadedModel> classifier() {
        return classifier;
    }

    /** The detections of each image with the text read in them, in the same order. */
    public List<ImageFindings> read(InferenceEngine engine, List<RgbImage> images, List<ImageFindings> detected)
            throws OrtException {
        List<RgbImage> crops = new ArrayList<>();
        List<int[]> origin = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<Detection> boxes = detected.get(i).detections();
            for (int j = 0; j < boxes.size(); j++) {
                List<org.vsekai.backpack.contracts.vision.Point> quad = boxes.get(j).quad();
                if (quad == null) {
                    continue;
                }
                try {
                    crops.add(LineCrops.crop(images.get(i), quad));
                    origin.add(new int[] {i, j});
                } catch (IllegalArgumentException degenerate) {
                    // a box clipped to a line or a point has nothing to read
                }
            }
        }
        List<List<Detection>> out = new ArrayList<>();
        detected.forEach(f -> out.add(new ArrayList<>(f.detections())));
        if (crops.isEmpty()) {
            return detected;
        }
        if (classifier.isPresent()) {
            List<ImageFindings> orientation = engine.run(classifier.get(), crops).findings();
            for (int k = 0; k < crops.size(); k++) {
                List<ClassScore> classes = orientation.get(k).classes();
                if (!classes.isEmpty() && TURNED.equals(classes.get(0).label())
                        && classes.get(0).score() >= classifierThreshold) {
                    crops.set(k, LineCrops.turnOver(crops.get(k)));
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < crops.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble(k -> (double) crops.get(k).width() / crops.get(k).height()));
        int batch = recogniser.maxBatch();
        for (int from = 0; from < order.size(); from += batch) {
            List<Integer> part = order.subList(from, Math.min(order.size(), from + batch));
            RgbImage widest = crops.get(part.get(part.size() - 1));
            int tensorWidth = recogniser.preprocessing().place(widest.width(), widest.height()).tensorWidth();
            List<RgbImage> lines = new ArrayList<>();
            List<Placement> placements = new ArrayList<>();
            for (int k : part) {
                RgbImage line = crops.get(k);
                lines.add(line);
                placements.add(recogniser.preprocessing().placeIn(line.width(), line.height(), tensorWidth));
            }
            List<ImageFindings> read = engine.run(recogniser, lines, placements).findings();
            for (int p = 0; p < part.size(); p++) {
                List<Detection> found = read.get(p).detections();
                if (found.isEmpty() || found.get(0).text() == null || found.get(0).text().isBlank()
                        || found.get(0).textScore() < dropScore) {
                    continue;
                }
                int[] at = origin.get(part.get(p));
                Detection box = out.get(at[0]).get(at[1]);
                out.get(at[0]).set(at[1], box.withText(found.get(0).text(), found.get(0).textScore()));
            }
        }
        List<ImageFindings> findings = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            ImageFindings before = detected.get(i);
            findings.add(new ImageFindings(out.get(i), before.people(), before.classes()));
        }
        return findings;
    }
}
