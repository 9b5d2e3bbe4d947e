package org.vsekai.backpack.pose.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Approximate nearest neighbours on Lucene's HNSW graph, in memory (a {@link ByteBuffersDirectory}; the stored
 * poses are the source of truth, the graph is rebuilt from them at start). Similarity is the dot product of unit
 * vectors; a search explores {@code candidates} (at least k) entries of the graph and keeps the best k, so a larger
 * value buys recall with time.
 *
 * <p>Adds are visible to searches after {@link #refresh()} (a near-real-time reader reopened, not a commit).
 */
public final class HnswPoseIndex implements PoseIndex {

    private static final String VECTOR = "pose";
    private static final String ID = "id";

    private final int dimensions;
    private final int candidates;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private volatile DirectoryReader reader;
    private int added;
    private int visible;

    /**
     * @param maxConnections the graph's M (neighbours per node and layer); Lucene's default is 16
     * @param beamWidth      candidates kept while inserting (efConstruction); Lucene's default is 100
     * @param candidates     candidates explored per search (efSearch); at least k is always used
     */
    public HnswPoseIndex(int dimensions, int maxConnections, int beamWidth, int candidates) {
        this.dimensions = dimensions;
        this.candidates = candidates;
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(maxConnections, beamWidth);
        IndexWriterConfig config = new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                })
                // One graph is searched faster than several; a bench's or a start's bulk load is one segment.
                .setRAMBufferSizeMB(256);
        try {
            writer = new IndexWriter(directory, config);
            reader = DirectoryReader.open(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void add(String id, float[] vector) {
        PoseIndexes.check(vector, dimensions);
        Document document = new Document();
        document.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        document.add(new StoredField(ID, id));
        try {
            writer.addDocument(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        added++;
    }

    /** Makes every add so far searchable. */
    public synchronized void refresh() {
        if (visible == added) {
            return;
        }
        try {
            DirectoryReader changed = DirectoryReader.openIfChanged(reader, writer);
            if (changed != null) {
                DirectoryReader old = reader;
                reader = changed;
                old.decRef();
            }
            visible = added;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merges the index into one segment, one graph (after a bulk load). */
    public synchronized void merge() {
        try {
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    @Override
    public List<PoseMatch> nearest(float[] query, int k) {
        PoseIndexes.check(query, dimensions);
        DirectoryReader current = acquire();
        try {
            IndexSearcher searcher = new IndexSearcher(current);
            int explored = Math.max(k, candidates);
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, explored), explored);
            StoredFields stored = searcher.storedFields();
            List<PoseMatch> matches = new ArrayList<>(Math.min(k, top.scoreDocs.length));
            for (int i = 0; i < top.scoreDocs.length && i < k; i++) {
                ScoreDoc hit = top.scoreDocs[i];
                // Lucene scores a dot product of unit vectors as (1 + dot) / 2.
                matches.add(new PoseMatch(stored.document(hit.doc).get(ID), 2 * hit.score - 1));
            }
            return matches;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(current);
        }
    }

    private DirectoryReader acquire() {
        while (true) {
            DirectoryReader current = reader;
            if (current.tryIncRef()) {
                return current;
            }
        }
    }

    private static void release(DirectoryReader current) {
        try {
            current.decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries added, searchable or not yet. */
    @Override
    public synchronized int size() {
        return added;
    }

    @Override
    public synchronized void close() {
        try {
            reader.decRef();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
