package dev.concord.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when any HTTP endpoint lacks an explicit security annotation. (At run time
 * deny-unannotated-endpoints also refuses such endpoints; this catches them before they ship.)
 */
class SecurityAnnotationTest {
    private static final List<Class<? extends Annotation>> HTTP = List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class);
    private static final List<Class<? extends Annotation>> SECURITY = List.of(RolesAllowed.class, PermitAll.class, DenyAll.class, Authenticated.class);

    @Test
    void everyEndpointDeclaresWhoMayCallIt() throws Exception {
        List<String> endpoints = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                if (HTTP.stream().noneMatch(method::isAnnotationPresent)) continue;
                endpoints.add(type.getSimpleName() + "." + method.getName());
                boolean secured = SECURITY.stream().anyMatch(a -> method.isAnnotationPresent(a) || type.isAnnotationPresent(a));
                if (!secured) missing.add(type.getName() + "." + method.getName());
            }
        }
        assertTrue(endpoints.size() >= 10, "the scan found the endpoints: " + endpoints);
        assertEquals(List.of(), missing, "endpoints without @RolesAllowed/@PermitAll");
    }

    static List<Class<?>> applicationClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("target", "classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev/concord"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, SecurityAnnotationTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
