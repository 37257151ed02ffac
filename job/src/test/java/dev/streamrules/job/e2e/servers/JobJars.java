package dev.streamrules.job.e2e.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Small job jars made from test classes, for tests of the cluster itself: the jar holds the main
 * class and its nested classes only, so the job may use nothing but what the cluster's lib has.
 */
public final class JobJars {

    private JobJars() {}

    /** Writes {@code dir/<SimpleName>.jar} with {@code mainClass} (and its nested classes) as Main-Class. */
    public static Path jarOf(Class<?> mainClass, Path dir) {
        try {
            Path classes = Path.of(mainClass
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            String prefix = mainClass.getName().replace('.', '/');
            List<Path> files;
            try (Stream<Path> all = Files.walk(classes)) {
                files = all.filter(p -> {
                            String name = classes.relativize(p).toString();
                            return name.equals(prefix + ".class") || name.startsWith(prefix + "$");
                        })
                        .collect(Collectors.toList());
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
            Files.createDirectories(dir);
            Path jar = dir.resolve(mainClass.getSimpleName() + ".jar");
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                for (Path file : files) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                    Files.copy(file, jarOut);
                    jarOut.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
