package org.vsekai.backpack.pose.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.search.ExactPoseIndex;
import org.vsekai.backpack.pose.search.HnswPoseIndex;
import org.vsekai.backpack.pose.search.PoseMatch;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Vec3;
import org.vsekai.backpack.pose.synthetic.SyntheticCameras;
import org.vsekai.backpack.pose.synthetic.SyntheticPoses;
import org.vsekai.backpack.pose.triangulation.CameraView;
import org.vsekai.backpack.pose.triangulation.Skeleton3d;
import org.vsekai.backpack.pose.triangulation.SkeletonTriangulator;
import org.vsekai.backpack.pose.triangulation.TriangulatedPoint;
import org.vsekai.backpack.pose.vector.PoseVectors;

/**
 * The pose bench (not a test; {@code ./backpack bench pose}): the triangulation error against pixel noise for two
 * to four cameras like Cameras.gltf's, poses triangulated per second, and pose search: exact against HNSW, recall@10
 * and latency percentiles, on synthetic bodies (fixed seed). Single-threaded throughout; figures to standard output.
 */
public final class PoseBench {

    private static final Vec3 SUBJECT = new Vec3(0.5, 0.5, 0);

    private PoseBench() {
    }

    /** Options: --poses N (100000), --queries N (1000), --candidates a,b (10,40,100), --bodies N (400). */
    public static void main(String[] args) {
        int poses = 100_000;
        int queries = 1000;
        int bodies = 400;
        int[] candidates = {10, 40, 100};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--poses" -> poses = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--bodies" -> bodies = Integer.parseInt(args[++i]);
                case "--candidates" -> candidates = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(poses, queries, bodies, candidates);
    }

    /** Every part of the bench, figures to standard output. */
    public static void run(int poses, int queries, int bodies, int[] candidates) {
        triangulationErrors(bodies);
        triangulationThroughput();
        search(poses, queries, candidates, 20);
        search(poses, queries, candidates, 1);
    }

    static void triangulationErrors(int bodies) {
        System.out.println("Triangulation error vs pixel noise (Gaussian σ per pixel coordinate; " + bodies
                + " random bodies × 17 points each; cameras like Cameras.gltf's perspective one, 640 × 480, 3 m away,"
                + " spread evenly over 200°: two are 200° apart, rays nearly opposite, hence their larger error)");
        System.out.println("cameras  σ (px)  RMS 3D error (mm)  predicted (mm)  RMS reprojection (px)"
                + "  predicted σ·√((2N−3)/N)  lost");
        SkeletonTriangulator triangulator = new SkeletonTriangulator(0.3, 10);
        for (int cameras = 2; cameras <= 4; cameras++) {
            List<ProjectiveCamera> rig = SyntheticCameras.ring(cameras, SUBJECT, Math.toRadians(200));
            for (double sigma : new double[] {0, 0.5, 1, 2, 4, 8}) {
                Random random = new Random(42);
                double error = 0;
                double predicted = 0;
                double reprojection = 0;
                int n = 0;
                int lost = 0;
                for (int b = 0; b < bodies; b++) {
                    List<Vec3> body = SyntheticPoses.placed(SyntheticPoses.random(random),
                            SyntheticPoses.randomRotation(random, 0.2), 1, SUBJECT);
                    Skeleton3d s = triangulator.triangulate(views(rig, body, sigma, random));
                    for (int i = 0; i < Coco17.SIZE; i++) {
                        TriangulatedPoint p = s.points().get(i);
                        if (p == null) {
                            lost++; // the fit put it behind a camera: refused, not counted in the error
                            continue;
                        }
                        Vec3 t = body.get(i);
                        double e = p.distanceTo(t.x(), t.y(), t.z());
                        error += e * e;
                        predicted += sigma * sigma * p.errorPerPixel() * p.errorPerPixel();
                        reprojection += p.reprojectionError() * p.reprojectionError();
                        n++;
                    }
                }
                System.out.printf(Locale.ROOT, "%7d  %6.1f  %17.4f  %14.4f  %21.4f  %24.4f  %4d%n", cameras, sigma,
                        1000 * Math.sqrt(error / n), 1000 * Math.sqrt(predicted / n), Math.sqrt(reprojection / n),
                        sigma * Math.sqrt((2.0 * cameras - 3) / cameras), lost);
            }
        }
        System.out.println();
    }

    static void triangulationThroughput() {
        SkeletonTriangulator triangulator = new SkeletonTriangulator(0.3, 10);
        int[] counts = {2, 3, 4};
        List<List<List<CameraView>>> inputs = new ArrayList<>();
        for (int cameras : counts) {
            List<ProjectiveCamera> rig = SyntheticCameras.ring(cameras, SUBJECT, Math.toRadians(200));
            Random random = new Random(9);
            List<List<CameraView>> bodies = new ArrayList<>();
            for (int b = 0; b < 2000; b++) {
                bodies.add(views(rig, SyntheticPoses.placed(SyntheticPoses.random(random),
                        SyntheticPoses.randomRotation(random, 0.2), 1, SUBJECT), 1, random));
            }
            inputs.add(bodies);
        }
        long sink = 0;
        // Warm every rig size up before any is timed, so the first timed is not the one that paid for the JIT.
        for (int warm = 0; warm < 3; warm++) {
            for (List<List<CameraView>> bodies : inputs) {
                for (List<CameraView> v : bodies) {
                    sink += triangulator.triangulate(v).recovered();
                }
            }
        }
        for (int c = 0; c < counts.length; c++) {
            long start = System.nanoTime();
            int rounds = 5;
            for (int r = 0; r < rounds; r++) {
                for (List<CameraView> v : inputs.get(c)) {
                    sink += triangulator.triangulate(v).recovered();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "Triangulation, %d cameras, σ = 1 px, one thread: %.0f poses/s "
                    + "(17 points each)%n", counts[c], rounds * inputs.get(c).size() / seconds);
        }
        System.out.println("(checksum " + sink + ")");
        System.out.println();
    }

    /**
     * With {@code clusterSize} > 1, bodies in clusters of near-repeats (a recorded motion holds a pose for several
     * frames): that many variants of each random pose, every point moved by 2 cm Gaussian noise; with 1, every body
     * a pose of its own (the harder case for the graph: no neighbourhood stands out). Queries are fresh variants of
     * random ones.
     */
    static void search(int poses, int queries, int[] candidates, int clusterSize) {
        Random random = new Random(5);
        int clusters = Math.max(1, poses / clusterSize);
        List<List<Vec3>> bases = new ArrayList<>(clusters);
        for (int c = 0; c < clusters; c++) {
            bases.add(SyntheticPoses.random(random));
        }
        List<float[]> vectors = new ArrayList<>(poses);
        for (int i = 0; i < poses; i++) {
            vectors.add(PoseVectors.rotationInvariant(jitter(bases.get(i % clusters), 0.02, random)));
        }
        List<float[]> asked = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            asked.add(PoseVectors.rotationInvariant(jitter(bases.get(random.nextInt(clusters)), 0.02, random)));
        }
        ExactPoseIndex exact = new ExactPoseIndex(PoseVectors.DIMENSIONS);
        for (int i = 0; i < poses; i++) {
            exact.add(Integer.toString(i), vectors.get(i));
        }
        List<Set<String>> truth = new ArrayList<>(queries);
        long[] exactTimes = new long[queries];
        for (int q = 0; q < queries; q++) {
            long t = System.nanoTime();
            List<PoseMatch> top = exact.nearest(asked.get(q), 10);
            exactTimes[q] = System.nanoTime() - t;
            Set<String> ids = new HashSet<>();
            top.forEach(m -> ids.add(m.id()));
            truth.add(ids);
        }
        System.out.printf(Locale.ROOT, "Pose search, %,d poses (rotation-invariant, 51 dimensions; %s), %,d queries,"
                + " k = 10, one thread%n", poses, clusterSize > 1 ? "clusters of " + clusterSize + " near-repeats"
                : "each pose its own", queries);
        System.out.printf(Locale.ROOT, "exact scan:                         p50 %7.3f ms  p99 %7.3f ms%n",
                percentile(exactTimes, 50), percentile(exactTimes, 99));
        for (int c : candidates) {
            long start = System.nanoTime();
            try (HnswPoseIndex hnsw = new HnswPoseIndex(PoseVectors.DIMENSIONS, 16, 100, c)) {
                for (int i = 0; i < poses; i++) {
                    hnsw.add(Integer.toString(i), vectors.get(i));
                }
                hnsw.merge();
                double build = (System.nanoTime() - start) / 1e9;
                for (int w = 0; w < Math.min(200, queries); w++) {
                    hnsw.nearest(asked.get(w), 10);
                }
                long[] times = new long[queries];
                int found = 0;
                for (int q = 0; q < queries; q++) {
                    long t = System.nanoTime();
                    List<PoseMatch> top = hnsw.nearest(asked.get(q), 10);
                    times[q] = System.nanoTime() - t;
                    for (PoseMatch m : top) {
                        found += truth.get(q).contains(m.id()) ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "HNSW M=16 efConstruction=100 efSearch=%-4d p50 %7.3f ms  p99 %7.3f ms"
                        + "  recall@10 %.4f  (build %.1f s)%n", c, percentile(times, 50), percentile(times, 99),
                        found / (10.0 * queries), build);
            }
        }
        System.out.println();
    }

    private static List<Vec3> jitter(List<Vec3> body, double sigma, Random random) {
        List<Vec3> out = new ArrayList<>(body.size());
        for (Vec3 v : body) {
            out.add(v.plus(new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian())
                    .times(sigma)));
        }
        return out;
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static List<CameraView> views(List<ProjectiveCamera> cameras, List<Vec3> body, double sigma, Random random) {
        List<CameraView> views = new ArrayList<>(cameras.size());
        for (ProjectiveCamera camera : cameras) {
            List<Keypoint> points = new ArrayList<>(body.size());
            for (int i = 0; i < body.size(); i++) {
                Vec3 p = body.get(i);
                double[] pixel = camera.project(p.x(), p.y(), p.z());
                points.add(new Keypoint(Coco17.POINTS.get(i), pixel[0] + sigma * random.nextGaussian(),
                        pixel[1] + sigma * random.nextGaussian(), 1.0));
            }
            views.add(new CameraView(camera, points));
        }
        return views;
    }
}
