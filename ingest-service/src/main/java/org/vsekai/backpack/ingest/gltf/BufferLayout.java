package org.vsekai.backpack.ingest.gltf;

import static org.vsekai.backpack.ingest.gltf.Checks.index;
import static org.vsekai.backpack.ingest.gltf.Checks.orZero;
import static org.vsekai.backpack.ingest.gltf.Checks.refuse;
import static org.vsekai.backpack.ingest.gltf.Checks.required;
import static org.vsekai.backpack.ingest.gltf.JsonPointers.child;
import static org.vsekai.backpack.ingest.gltf.JsonPointers.of;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import de.javagl.jgltf.impl.v2.Accessor;
import de.javagl.jgltf.impl.v2.AccessorSparse;
import de.javagl.jgltf.impl.v2.Buffer;
import de.javagl.jgltf.impl.v2.BufferView;
import de.javagl.jgltf.impl.v2.GlTF;

/**
 * Buffers, buffer views and accessors against each other's declared lengths, as the Khronos validator's link
 * checks do, without reading a byte of buffer data: every bufferView fits its buffer's {@code byteLength}, every
 * accessor (and sparse part) fits its bufferView, with the element sizes and alignments of glTF 2.0 §3.6. Lengths
 * are computed in {@code long}, so no count or offset can overflow them.
 */
final class BufferLayout {

    private static final Map<Integer, Integer> COMPONENT_BYTES = Map.of(5120, 1, 5121, 1, 5122, 2, 5123, 2,
            5125, 4, 5126, 4);
    private static final Map<String, Integer> TYPE_COMPONENTS = Map.of("SCALAR", 1, "VEC2", 2, "VEC3", 3,
            "VEC4", 4, "MAT2", 4, "MAT3", 9, "MAT4", 16);

    private final GlTF gltf;
    private final Checks checks;

    BufferLayout(GlTF gltf, Checks checks) {
        this.gltf = gltf;
        this.checks = checks;
    }

    /**
     * Checks every buffer, bufferView and accessor.
     *
     * @param glbBinLength the GLB's BIN chunk length; empty for a {@code .gltf} file or a GLB without one
     * @param uris         where each buffer's {@code uri} is judged (data: URIs counted, others refused)
     */
    void check(OptionalLong glbBinLength, boolean glb, UriPolicy uris) {
        List<Buffer> buffers = gltf.getBuffers();
        for (int i = 0; buffers != null && i < buffers.size(); i++) {
            checkBuffer(buffers.get(i), i, glbBinLength, glb, uris);
        }
        List<BufferView> views = gltf.getBufferViews();
        for (int i = 0; views != null && i < views.size(); i++) {
            checkBufferView(views.get(i), i);
        }
        List<Accessor> accessors = gltf.getAccessors();
        for (int i = 0; accessors != null && i < accessors.size(); i++) {
            checkAccessor(accessors.get(i), of("accessors", i));
        }
    }

    private void checkBuffer(Buffer buffer, int i, OptionalLong glbBinLength, boolean glb, UriPolicy uris) {
        String pointer = of("buffers", i);
        checks.extensions(buffer, pointer);
        long byteLength = required(buffer.getByteLength(), pointer, "byteLength");
        if (buffer.getUri() != null) {
            uris.buffer(buffer.getUri(), byteLength, child(pointer, "uri"));
        } else if (!glb || glbBinLength.isEmpty()) {
            throw refuse("BUFFER_MISSING_GLB_DATA", pointer, "a buffer without uri refers to a GLB's BIN chunk, "
                    + (glb ? "and this GLB has none" : "and this is not a GLB"));
        } else if (i != 0) {
            throw refuse("BUFFER_NON_FIRST_GLB", pointer, "only the first buffer may refer to the BIN chunk");
        } else if (glbBinLength.getAsLong() < byteLength) {
            throw refuse("BUFFER_EXTERNAL_BYTELENGTH_MISMATCH", child(pointer, "byteLength"), "the BIN chunk has "
                    + glbBinLength.getAsLong() + " bytes, less than the declared byteLength " + byteLength);
        }
    }

    private void checkBufferView(BufferView view, int i) {
        String pointer = of("bufferViews", i);
        checks.extensions(view, pointer);
        Integer bufferIndex = required(view.getBuffer(), pointer, "buffer");
        index(bufferIndex, gltf.getBuffers(), child(pointer, "buffer"), "buffer");
        long byteLength = required(view.getByteLength(), pointer, "byteLength");
        long end = orZero(view.getByteOffset()) + byteLength;
        long bufferLength = gltf.getBuffers().get(bufferIndex).getByteLength();
        if (end > bufferLength) {
            throw refuse("BUFFER_VIEW_TOO_LONG", pointer, "bytes " + orZero(view.getByteOffset()) + " to " + end
                    + " do not fit buffer " + bufferIndex + " of byteLength " + bufferLength);
        }
        Integer stride = view.getByteStride();
        if (stride != null) {
            if (stride % 4 != 0) {
                throw refuse("VALUE_MULTIPLE_OF", child(pointer, "byteStride"), "byteStride " + stride
                        + " is not a multiple of 4");
            }
            if (stride > byteLength) {
                throw refuse("BUFFER_VIEW_TOO_BIG_BYTE_STRIDE", child(pointer, "byteStride"), "byteStride " + stride
                        + " is greater than byteLength " + byteLength);
            }
        }
    }

    private void checkAccessor(Accessor accessor, String pointer) {
        checks.extensions(accessor, pointer);
        int componentType = required(accessor.getComponentType(), pointer, "componentType");
        long count = required(accessor.getCount(), pointer, "count");
        String type = required(accessor.getType(), pointer, "type");
        int componentBytes = COMPONENT_BYTES.get(componentType);
        int components = TYPE_COMPONENTS.get(type);
        if (Boolean.TRUE.equals(accessor.isNormalized()) && (componentType == 5126 || componentType == 5125)) {
            throw refuse("ACCESSOR_NORMALIZED_INVALID", child(pointer, "normalized"),
                    "only (unsigned) byte and short accessors can be normalized");
        }
        checkBounds(accessor.getMin(), components, child(pointer, "min"));
        checkBounds(accessor.getMax(), components, child(pointer, "max"));
        Integer viewIndex = accessor.getBufferView();
        if (viewIndex == null) {
            if (accessor.getByteOffset() != null) {
                throw refuse("UNSATISFIED_DEPENDENCY", child(pointer, "byteOffset"), "byteOffset needs bufferView");
            }
        } else {
            index(viewIndex, gltf.getBufferViews(), child(pointer, "bufferView"), "bufferView");
            long byteOffset = orZero(accessor.getByteOffset());
            if (type.startsWith("MAT") && byteOffset % 4 != 0) {
                throw refuse("ACCESSOR_MATRIX_ALIGNMENT", child(pointer, "byteOffset"),
                        "matrix accessors must be aligned to 4-byte boundaries");
            }
            BufferView view = gltf.getBufferViews().get(viewIndex);
            long elementLength = elementLength(componentType, type, components, false);
            Integer stride = view.getByteStride();
            if (stride != null && stride < elementLength) {
                throw refuse("ACCESSOR_SMALL_BYTESTRIDE", pointer, "bufferView " + viewIndex + " has byteStride "
                        + stride + ", less than the element length " + elementLength);
            }
            long step = stride != null ? stride : elementLength(componentType, type, components, true);
            fits(byteOffset, componentBytes, step * (count - 1) + elementLength, viewIndex, pointer);
        }
        AccessorSparse sparse = accessor.getSparse();
        if (sparse != null) {
            checkSparse(sparse, count, componentBytes, components, child(pointer, "sparse"));
        }
    }

    private void checkSparse(AccessorSparse sparse, long count, int componentBytes, int components, String pointer) {
        checks.extensions(sparse, pointer);
        long sparseCount = required(sparse.getCount(), pointer, "count");
        if (sparseCount > count) {
            throw refuse("ACCESSOR_SPARSE_COUNT_OUT_OF_RANGE", child(pointer, "count"), "the sparse part overrides "
                    + sparseCount + " elements, the accessor has " + count);
        }
        String indices = child(pointer, "indices");
        var sparseIndices = required(sparse.getIndices(), pointer, "indices");
        int indicesView = required(sparseIndices.getBufferView(), indices, "bufferView");
        index(indicesView, gltf.getBufferViews(), child(indices, "bufferView"), "bufferView");
        int indexBytes = COMPONENT_BYTES.get(required(sparseIndices.getComponentType(), indices, "componentType"));
        noStride(indicesView, child(indices, "bufferView"));
        fits(orZero(sparseIndices.getByteOffset()), indexBytes, indexBytes * sparseCount, indicesView, indices);

        String values = child(pointer, "values");
        var sparseValues = required(sparse.getValues(), pointer, "values");
        int valuesView = required(sparseValues.getBufferView(), values, "bufferView");
        index(valuesView, gltf.getBufferViews(), child(values, "bufferView"), "bufferView");
        noStride(valuesView, child(values, "bufferView"));
        fits(orZero(sparseValues.getByteOffset()), componentBytes, (long) componentBytes * components * sparseCount,
                valuesView, values);
    }

    private void noStride(int viewIndex, String pointer) {
        if (gltf.getBufferViews().get(viewIndex).getByteStride() != null) {
            throw refuse("BUFFER_VIEW_INVALID_BYTE_STRIDE", pointer,
                    "only buffer views with vertex data can have byteStride");
        }
    }

    /** The validator's offset alignment and length checks of data inside one bufferView. */
    private void fits(long byteOffset, int componentBytes, long byteLength, int viewIndex, String pointer) {
        BufferView view = gltf.getBufferViews().get(viewIndex);
        if (byteOffset % componentBytes != 0) {
            throw refuse("ACCESSOR_OFFSET_ALIGNMENT", child(pointer, "byteOffset"), "offset " + byteOffset
                    + " is not a multiple of the component length " + componentBytes);
        }
        long total = orZero(view.getByteOffset()) + byteOffset;
        if (total % componentBytes != 0) {
            throw refuse("ACCESSOR_TOTAL_OFFSET_ALIGNMENT", child(pointer, "byteOffset"), "total offset " + total
                    + " is not a multiple of the component length " + componentBytes);
        }
        if (byteOffset + byteLength > view.getByteLength()) {
            throw refuse("ACCESSOR_TOO_LONG", pointer, "offset " + byteOffset + " and length " + byteLength
                    + " do not fit bufferView " + viewIndex + " of byteLength " + view.getByteLength());
        }
    }

    private static void checkBounds(Number[] bounds, int components, String pointer) {
        if (bounds != null && bounds.length != components) {
            throw refuse("ARRAY_LENGTH_NOT_IN_LIST", pointer, bounds.length + " values, the type has "
                    + components + " components");
        }
    }

    /**
     * Bytes of one element, or the distance between two when the bufferView gives no stride: (u)byte and (u)short
     * matrices pad each column to 4 bytes (glTF 2.0 §3.6.2.4), and the last column's padding is no part of the data.
     */
    private static long elementLength(int componentType, String type, int components, boolean asStride) {
        int bytes = COMPONENT_BYTES.get(componentType);
        if (bytes == 1 && type.equals("MAT2")) {
            return asStride ? 8 : 6;
        }
        if (bytes == 1 && type.equals("MAT3")) {
            return asStride ? 12 : 11;
        }
        if (bytes == 2 && type.equals("MAT3")) {
            return asStride ? 24 : 22;
        }
        return (long) bytes * components;
    }
}
