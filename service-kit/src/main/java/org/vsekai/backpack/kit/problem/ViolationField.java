package org.vsekai.backpack.kit.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The name a client knows for what failed validation: {@code forUser.limit} is the query parameter {@code limit}
 * (or whatever its {@code @QueryParam} says), {@code create.request.owner.id} is the body field {@code owner.id},
 * {@code acceptAll.batch[2].actor} is {@code [2].actor}, {@code search.tags[1]} is {@code tag[1]} when the
 * parameter is {@code @QueryParam("tag")}. Never the Java method name.
 */
final class ViolationField {

    private ViolationField() {
    }

    /** True when the violation is of what a method returned: the service's own fault, not the client's. */
    static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    static String of(ConstraintViolation<?> violation) {
        Path.MethodNode method = null;
        Path.ParameterNode parameter = null;
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> method = node.as(Path.MethodNode.class);
                case PARAMETER -> parameter = node.as(Path.ParameterNode.class);
                case CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                    // not a name the client knows
                }
                default -> append(field, node);
            }
        }
        if (parameter == null) {
            return field.isEmpty() ? violation.getPropertyPath().toString() : field.toString();
        }
        Optional<String> requestName = requestName(violation.getRootBeanClass(), method, parameter);
        if (field.isEmpty()) {
            return requestName.orElse(parameter.getName());
        }
        // Inside a named parameter (tags[1]) the name stays; inside the body its Java name means nothing outside.
        return requestName.map(name -> name + (field.charAt(0) == '[' ? "" : ".") + field)
                .orElse(field.toString());
    }

    private static void append(StringBuilder field, Path.Node node) {
        if (node.isInIterable()) {
            Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
            field.append('[').append(position).append(']');
        }
        String name = node.getName();
        // Container elements are named like "<list element>"; their position was written above.
        if (name != null && !name.startsWith("<")) {
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(name);
        }
    }

    /** The name in the parameter's JAX-RS annotation, which may differ from its Java name. */
    private static Optional<String> requestName(Class<?> resource, Path.MethodNode methodNode,
                                                Path.ParameterNode parameter) {
        if (resource == null || methodNode == null) {
            return Optional.empty();
        }
        Class<?>[] types = methodNode.getParameterTypes().toArray(Class<?>[]::new);
        // The root bean may be a subclass Quarkus generated for interceptors, which overrides without annotations.
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Method method = type.getDeclaredMethod(methodNode.getName(), types);
                Annotation[] annotations = method.getParameterAnnotations()[parameter.getParameterIndex()];
                Optional<String> name = annotationValue(annotations);
                if (name.isPresent()) {
                    return name;
                }
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return Optional.empty();
    }

    private static Optional<String> annotationValue(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            String name = null;
            if (annotation instanceof PathParam path) {
                name = path.value();
            } else if (annotation instanceof QueryParam query) {
                name = query.value();
            } else if (annotation instanceof HeaderParam header) {
                name = header.value();
            } else if (annotation instanceof FormParam form) {
                name = form.value();
            } else if (annotation instanceof RestPath path) {
                name = path.value();
            } else if (annotation instanceof RestQuery query) {
                name = query.value();
            } else if (annotation instanceof RestHeader header) {
                name = header.value();
            } else if (annotation instanceof RestForm form) {
                name = form.value();
            }
            if (name != null && !name.isEmpty()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
