package org.vsekai.backpack.vision.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.vsekai.backpack.contracts.embedding.ItemSearchResult.Hit;

/**
 * The items' unit vectors, searched by cosine similarity: every vector compared while there are fewer than
 * {@code exactBelow}, Lucene's HNSW graph (in memory, dot product on unit vectors) from then on. Both hold every item
 * all the time, so the switch is a comparison, not a rebuild. Records of one item may arrive out of order: an older
 * {@code updatedAt} than the one held changes nothing.
 */
public final class ItemSearchIndex implements AutoCloseable {

    /** How the answer was found. */
    public enum Method { EXACT, HNSW }

    /** Hits and how they were found. */
    public record Found(Method method, List<Hit> hits) {
    }

    private record Entry(String kind, float[] vector, Instant updatedAt) {
    }

    private static final String ID = "id";
    private static final String KIND = "kind";
    private static final String VECTOR = "vector";

    private final Map<String, Entry> items = new ConcurrentHashMap<>();
    private final int exactBelow;
    private final int candidates;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private DirectoryReader reader;

    public ItemSearchIndex(int exactBelow, int candidates) {
        this.exactBelow = exactBelow;
        this.candidates = candidates;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig());
            reader = DirectoryReader.open(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index failed", e);
        }
    }

    public int size() {
        return items.size();
    }

    /** Holds the item's vector (a unit vector) unless a newer one is held already. */
    public synchronized void put(String itemId, String kind, float[] vector, Instant updatedAt) {
        Entry held = items.get(itemId);
        if (held != null && updatedAt != null && held.updatedAt() != null && updatedAt.isBefore(held.updatedAt())) {
            return;
        }
        Document document = new Document();
        document.add(new StringField(ID, itemId, Field.Store.YES));
        document.add(new StringField(KIND, kind == null ? "" : kind, Field.Store.NO));
        document.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        try {
            writer.updateDocument(new Term(ID, itemId), document);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index failed", e);
        }
        items.put(itemId, new Entry(kind, vector.clone(), updatedAt));
    }

    /** Forgets the item (its attributes' tombstone). */
    public synchronized void remove(String itemId) {
        try {
            writer.deleteDocuments(new Term(ID, itemId));
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index failed", e);
        }
        items.remove(itemId);
    }

    /** The {@code limit} items nearest the unit vector {@code query}, of one kind when {@code kind} is not null. */
    public Found search(float[] query, String kind, int limit) {
        return items.size() < exactBelow
                ? new Found(Method.EXACT, exact(query, kind, limit))
                : new Found(Method.HNSW, hnsw(query, kind, limit));
    }

    List<Hit> exact(float[] query, String kind, int limit) {
        PriorityQueue<Hit> best = new PriorityQueue<>(Comparator.comparingDouble(Hit::score));
        items.forEach((itemId, entry) -> {
            if (kind != null && !kind.equals(entry.kind())) {
                return;
            }
            best.add(new Hit(itemId, entry.kind(), dot(query, entry.vector())));
            if (best.size() > limit) {
                best.poll();
            }
        });
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::itemId));
        return hits;
    }

    synchronized List<Hit> hnsw(float[] query, String kind, int limit) {
        try {
            DirectoryReader changed = DirectoryReader.openIfChanged(reader, writer);
            if (changed != null) {
                reader.close();
                reader = changed;
            }
            IndexSearcher searcher = new IndexSearcher(reader);
            KnnFloatVectorQuery knn = kind == null
                    ? new KnnFloatVectorQuery(VECTOR, query, Math.max(limit, candidates))
                    : new KnnFloatVectorQuery(VECTOR, query, Math.max(limit, candidates),
                    new TermQuery(new Term(KIND, kind)));
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc scored : searcher.search(knn, limit).scoreDocs) {
                String itemId = searcher.storedFields().document(scored.doc).get(ID);
                Entry entry = items.get(itemId);
                // Lucene scores a dot product d as (1 + d) / 2; the answer gives the cosine itself.
                hits.add(new Hit(itemId, entry == null ? null : entry.kind(), 2.0 * scored.score - 1.0));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index failed", e);
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    @Override
    public synchronized void close() throws IOException {
        reader.close();
        writer.close();
        directory.close();
    }
}
