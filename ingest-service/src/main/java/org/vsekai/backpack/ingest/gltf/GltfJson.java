package org.vsekai.backpack.ingest.gltf;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.format.ReadLimits;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import de.javagl.jgltf.impl.v2.AnimationChannelTarget;
import de.javagl.jgltf.impl.v2.AnimationSampler;
import de.javagl.jgltf.impl.v2.BufferView;
import de.javagl.jgltf.impl.v2.Camera;
import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.impl.v2.Material;
import de.javagl.jgltf.impl.v2.MeshPrimitive;
import de.javagl.jgltf.impl.v2.Sampler;

/**
 * Reads glTF 2.0 JSON into JglTF's typed model ({@code jgltf-impl-v2}) the way a validator would, not a lenient
 * loader: JglTF's own reader ({@code GltfReaderV2}) logs and drops a property it cannot read and goes on, so it is
 * not used; this mapper stops at the first error and names its JSON pointer. On top of JglTF's generated setter
 * checks (ranges, array lengths, required values) it refuses what glTF's schema does: {@code null} for a value,
 * a float or a string where an integer is due, a number where a string is due, a single value for an array.
 * The parser is bounded by {@link ReadLimits} (depth, tokens, bytes) before it builds anything.
 *
 * <p>Where JglTF's setters are stricter than the schema (values of enums that the schema leaves open, such as the
 * {@code pointer} animation path of {@code KHR_animation_pointer}), the value is read into the field without the
 * setter, as the Khronos validator only warns about an unknown value there.
 */
public final class GltfJson {

    private final ObjectMapper mapper;
    private final ReadLimits limits;

    public GltfJson(ReadLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxTokenCount(limits.maxJsonTokens())
                        .maxDocumentLength(limits.maxJsonBytes())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxJsonBytes()))
                        .build())
                .build();
        JsonMapper built = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // the validator only warns
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL))
                .addModule(new SimpleModule("open-values").setDeserializerModifier(new OpenValues()))
                .build();
        built.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Typed lists and maps (children, attributes, extensions) hold no nulls; free JSON (extras, XMP) may.
        built.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        built.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        this.mapper = built;
    }

    /**
     * The document in {@code json}.
     *
     * @throws InvalidFileException for JSON that is broken or does not fit glTF's schema, naming the first place
     * @throws FileLimitException   when the document passes a limit
     */
    public GlTF read(InputStream json) throws IOException {
        try (JsonParser parser = mapper.createParser(json)) {
            try {
                GlTF gltf = mapper.readValue(parser, GlTF.class);
                if (gltf == null) {
                    throw new InvalidFileException("TYPE_MISMATCH", "", "the document is null, not a glTF object");
                }
                return gltf;
            } catch (JacksonException e) {
                throw refusal(e, parser.getParsingContext().pathAsPointer().toString());
            } catch (CharConversionException e) {
                // Bytes that are not the UTF-8, -16 or -32 the parser took them for (found by GltfFuzzTest: it
                // escaped as an IOException).
                throw new InvalidFileException("INVALID_JSON", parser.getParsingContext().pathAsPointer().toString(),
                        e.getMessage(), e);
            }
        } catch (CharConversionException e) {
            throw new InvalidFileException("INVALID_JSON", "", e.getMessage(), e); // the encoding, detected first
        }
    }

    private RuntimeException refusal(JacksonException e, String parserPointer) {
        StreamConstraintsException limit = causeOf(e, StreamConstraintsException.class);
        if (limit != null) {
            return limitPassed(limit, parserPointer);
        }
        JsonParseException syntax = causeOf(e, JsonParseException.class);
        if (syntax != null) {
            return new InvalidFileException("INVALID_JSON", parserPointer, syntax.getOriginalMessage(), e);
        }
        InputCoercionException range = causeOf(e, InputCoercionException.class);
        String pointer = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? pointerOf(mapping) : parserPointer;
        if (range != null) {
            return new InvalidFileException("VALUE_NOT_IN_RANGE", pointer, range.getOriginalMessage()
                    + "; glTF indices, counts and lengths are read up to 2^31 - 1", e);
        }
        if (causeOf(e, InvalidNullException.class) != null) {
            return new InvalidFileException("TYPE_MISMATCH", pointer, "null is not a valid value here", e);
        }
        Throwable setter = rootCause(e);
        if (setter instanceof IllegalArgumentException || setter instanceof NullPointerException) {
            // JglTF's generated setters name the schema rule: "count < 1", "Number of matrix elements is < 16"
            return new InvalidFileException("VALUE_NOT_IN_RANGE", pointer, setter.getMessage(), e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new InvalidFileException("TYPE_MISMATCH", pointer, mismatch.getOriginalMessage(), e);
        }
        return new InvalidFileException("INVALID_JSON", pointer, e.getOriginalMessage(), e);
    }

    private FileLimitException limitPassed(StreamConstraintsException e, String pointer) {
        String message = e.getOriginalMessage();
        String limit;
        if (message.contains("nesting depth")) {
            limit = "max-json-depth";
            message = "the JSON nests deeper than " + limits.maxJsonDepth() + " levels";
        } else if (message.contains("Token count")) {
            limit = "max-json-tokens";
            message = "the JSON has more than " + limits.maxJsonTokens() + " tokens";
        } else if (message.contains("Document length")) {
            return FileLimitException.tooLarge("max-json-bytes", pointer,
                    "the JSON is longer than " + limits.maxJsonBytes() + " bytes");
        } else {
            limit = "max-json-bytes";
        }
        return FileLimitException.beyond(limit, pointer, message);
    }

    private static String pointerOf(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            String token = reference.getFieldName() != null ? reference.getFieldName()
                    : String.valueOf(reference.getIndex());
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Properties whose values the schema leaves open ({@code anyOf} with a plain string or integer) but whose JglTF
     * setters refuse anything unlisted; they are read into their fields directly.
     */
    private static final Map<Class<?>, Set<String>> OPEN_VALUES = Map.of(
            AnimationChannelTarget.class, Set.of("path"),
            AnimationSampler.class, Set.of("interpolation"),
            BufferView.class, Set.of("target"),
            Camera.class, Set.of("type"),
            Material.class, Set.of("alphaMode"),
            MeshPrimitive.class, Set.of("mode"),
            Sampler.class, Set.of("magFilter", "minFilter", "wrapS", "wrapT"));

    /** Puts the open properties of {@link #OPEN_VALUES} into their fields, around the setters. */
    private static final class OpenValues extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                     BeanDeserializerBuilder builder) {
            for (String name : OPEN_VALUES.getOrDefault(description.getBeanClass(), Set.of())) {
                SettableBeanProperty property = builder.findProperty(PropertyName.construct(name));
                try {
                    builder.addOrReplaceProperty(new IntoField(property,
                            description.getBeanClass().getDeclaredField(name)), true);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException("JglTF's " + description.getBeanClass().getSimpleName()
                            + " has no field " + name, e);
                }
            }
            return builder;
        }
    }

    private static final class IntoField extends SettableBeanProperty.Delegating {
        private final Field field;

        IntoField(SettableBeanProperty delegate, Field field) {
            super(delegate);
            this.field = field;
            field.setAccessible(true);
        }

        @Override
        protected SettableBeanProperty withDelegate(SettableBeanProperty delegate) {
            return new IntoField(delegate, field);
        }

        @Override
        public void deserializeAndSet(JsonParser p, DeserializationContext ctxt, Object instance)
                throws IOException {
            set(instance, deserialize(p, ctxt));
        }

        @Override
        public Object deserializeSetAndReturn(JsonParser p, DeserializationContext ctxt, Object instance)
                throws IOException {
            return setAndReturn(instance, deserialize(p, ctxt));
        }

        @Override
        public void set(Object instance, Object value) {
            try {
                field.set(instance, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object setAndReturn(Object instance, Object value) {
            set(instance, value);
            return instance;
        }
    }
}
