package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Point;
import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * PaddleOCR's DB text detection: a per-pixel text probability map {@code [B,1,H,W]} to boxes, as PaddleOCR's
 * {@code DBPostProcess} does it with axis-aligned boxes: pixels above the binary threshold, grouped into 8-connected
 * regions; a region's box spans its pixel centres, its score is the mean probability inside the box; boxes with a
 * side below the minimum size or a score below the threshold are dropped; the rest grow by the unclip distance
 * {@code area × ratio / perimeter} on every side (DB learns shrunk text kernels) and are mapped to the image.
 * Each detection also has the region's turned box ({@code quad}: its minimum-area rectangle, grown the same way),
 * which OCR crops along. Boxes come top to bottom, then left to right.
 */
record DbTextDecoder(DecoderSettings settings) implements Decoder {

    @Override
    public List<ImageFindings> decode(OrtSession.Result result, List<Placement> placements) throws OrtException {
        Outputs map = Outputs.of(result, settings.outputs().get(0));
        int height = map.dim(2);
        int width = map.dim(3);
        float[] values = map.array();
        List<ImageFindings> findings = new ArrayList<>(placements.size());
        for (int b = 0; b < placements.size(); b++) {
            findings.add(ImageFindings.ofDetections(regions(values, b * width * height, width, height,
                    placements.get(b))));
        }
        return findings;
    }

    /** The text boxes of one probability map of {@code width × height} starting at {@code offset}. */
    List<Detection> regions(float[] map, int offset, int width, int height, Placement placement) {
        boolean[] seen = new boolean[width * height];
        int[] stack = new int[width * height];
        int[] xs = new int[width * height];
        int[] ys = new int[width * height];
        List<Detection> found = new ArrayList<>();
        double binary = settings.binaryThreshold();
        for (int start = 0; start < width * height && found.size() < settings.maxDetections(); start++) {
            if (seen[start] || map[offset + start] <= binary) {
                continue;
            }
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            int top = 0;
            int count = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int at = stack[--top];
                int x = at % width;
                int y = at / width;
                xs[count] = x;
                ys[count] = y;
                count++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                            int next = ny * width + nx;
                            if (!seen[next] && map[offset + next] > binary) {
                                seen[next] = true;
                                stack[top++] = next;
                            }
                        }
                    }
                }
            }
            Detection text = box(map, offset, width, minX, minY, maxX, maxY, placement, xs, ys, count);
            if (text != null) {
                found.add(text);
            }
        }
        found.sort(Comparator.comparingDouble((Detection d) -> d.box().y()).thenComparingDouble(d -> d.box().x()));
        return found;
    }

    /**
     * One region as PaddleOCR's {@code DBPostProcess} (box type quad) judges it: its minimum-area rectangle, dropped
     * when its shorter side is below the minimum size; its score is the mean probability of the pixels inside that
     * rectangle ({@code box_score_fast}), so a slanted line is not diluted by the background around it; it grows by
     * the unclip distance; the box is the grown rectangle's bounds.
     */
    private Detection box(float[] map, int offset, int width, int minX, int minY, int maxX, int maxY,
                          Placement placement, int[] xs, int[] ys, int count) {
        MinAreaRect.Rect rect = MinAreaRect.of(xs, ys, count);
        if (rect.side(true) < settings.minSize()) {
            return null;
        }
        double sum = 0;
        int inside = 0;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                if (rect.contains(x, y)) {
                    sum += map[offset + y * width + x];
                    inside++;
                }
            }
        }
        double score = inside == 0 ? 0 : sum / inside;
        if (score < settings.scoreThreshold()) {
            return null;
        }
        double grow = rect.area() * settings.unclipRatio() / rect.perimeter();
        if (rect.side(true) + 2 * grow < settings.minSize() + 2) {
            return null;
        }
        double[] corners = rect.grown(grow).corners();
        double left = Double.POSITIVE_INFINITY;
        double top = Double.POSITIVE_INFINITY;
        double right = Double.NEGATIVE_INFINITY;
        double bottom = Double.NEGATIVE_INFINITY;
        List<Point> quad = new ArrayList<>(4);
        for (int i = 0; i < 8; i += 2) {
            left = Math.min(left, corners[i]);
            right = Math.max(right, corners[i]);
            top = Math.min(top, corners[i + 1]);
            bottom = Math.max(bottom, corners[i + 1]);
            quad.add(new Point(Boxes.clip(placement.toImageX(corners[i]), placement.imageWidth()),
                    Boxes.clip(placement.toImageY(corners[i + 1]), placement.imageHeight())));
        }
        BoundingBox box = Boxes.toImage(left, top, right, bottom, placement);
        return new Detection(settings.labels().name(0), score, box, settings.labels().iri(0), 0, null, null, quad);
    }
}
