package dev.imagegate.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class ClassFileVersionRaiseTest {
  @TempDir Path dir;

  /**
   * A Java 5 class whose method merges two object types at a branch, so version 52 needs a frame
   * with their common superclass: {@code static Object pick(boolean b) { return b ? new ArrayList()
   * : new LinkedList(); }}.
   */
  private static byte[] java5Class(String name) {
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    w.visit(
        Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
    MethodVisitor m =
        w.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pick", "(Z)Ljava/lang/Object;", null, null);
    m.visitCode();
    Label other = new Label();
    Label done = new Label();
    m.visitVarInsn(Opcodes.ILOAD, 0);
    m.visitJumpInsn(Opcodes.IFEQ, other);
    m.visitTypeInsn(Opcodes.NEW, "java/util/ArrayList");
    m.visitInsn(Opcodes.DUP);
    m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/util/ArrayList", "<init>", "()V", false);
    m.visitVarInsn(Opcodes.ASTORE, 1);
    m.visitJumpInsn(Opcodes.GOTO, done);
    m.visitLabel(other);
    m.visitTypeInsn(Opcodes.NEW, "java/util/LinkedList");
    m.visitInsn(Opcodes.DUP);
    m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/util/LinkedList", "<init>", "()V", false);
    m.visitVarInsn(Opcodes.ASTORE, 1);
    m.visitLabel(done);
    m.visitVarInsn(Opcodes.ALOAD, 1);
    m.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, "java/util/AbstractList", "size", "()I", false); // needs the merge
    m.visitInsn(Opcodes.POP);
    m.visitVarInsn(Opcodes.ALOAD, 1);
    m.visitInsn(Opcodes.ARETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    w.visitEnd();
    return w.toByteArray();
  }

  private static int major(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  private static final class Definer extends ClassLoader {
    Definer() {
      super(ClassLoader.getPlatformClassLoader());
    }

    Class<?> define(String name, byte[] b) {
      return defineClass(name, b, 0, b.length);
    }
  }

  @Test
  void raisedClassCarriesFramesTheVerifierAccepts() throws Exception {
    byte[] old = java5Class("Old");
    assertThat(ClassFileVersionRaise.needsRaise(old)).isTrue();
    byte[] raised = ClassFileVersionRaise.raise(old, ClassLoader.getPlatformClassLoader());
    assertThat(major(raised)).isEqualTo(52);
    assertThat(ClassFileVersionRaise.needsRaise(raised)).isFalse();
    assertThat(new String(raised, StandardCharsets.ISO_8859_1)).contains("StackMapTable");
    // Version 52 has no fallback to the old verifier: wrong or missing frames fail here.
    Class<?> c = new Definer().define("Old", raised);
    Method pick = c.getMethod("pick", boolean.class);
    assertThat(pick.invoke(null, true)).isInstanceOf(ArrayList.class);
    assertThat(pick.invoke(null, false)).isInstanceOf(java.util.LinkedList.class);
  }

  @Test
  void onlyClassFilesOlderThanVersion50AreRaised() {
    assertThat(ClassFileVersionRaise.needsRaise(new byte[] {1, 2, 3})).isFalse();
    byte[] notAClass = "not a class file at all".getBytes(StandardCharsets.US_ASCII);
    assertThat(ClassFileVersionRaise.needsRaise(notAClass)).isFalse();
    byte[] v50 = java5Class("V50");
    v50[7] = 50;
    assertThat(ClassFileVersionRaise.needsRaise(v50)).isFalse();
  }

  @Test
  void jarKeepsEveryOtherEntryAndItsOrder() throws IOException {
    Path jar = dir.resolve("app.jar");
    byte[] modern = java5Class("Modern");
    modern[7] = 65;
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(
        "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    entries.put("p/", new byte[0]);
    entries.put("p/Old.class", java5Class("p/Old"));
    entries.put("p/Modern.class", modern);
    entries.put("p/data.txt", "hello".getBytes(StandardCharsets.UTF_8));
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry z = new ZipEntry(e.getKey());
        z.setTime(1_600_000_000_000L);
        out.putNextEntry(z);
        out.write(e.getValue());
        out.closeEntry();
      }
    }

    assertThat(ClassFileVersionRaise.raiseJar(jar)).isEqualTo(1);

    try (ZipFile z = new ZipFile(jar.toFile())) {
      assertThat(Collections.list(z.entries()).stream().map(ZipEntry::getName))
          .containsExactlyElementsOf(entries.keySet());
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = z.getEntry(e.getKey());
        assertThat(entry.getTime()).isEqualTo(1_600_000_000_000L);
        byte[] now;
        try (InputStream in = z.getInputStream(entry)) {
          now = in.readAllBytes();
        }
        if (e.getKey().equals("p/Old.class")) {
          assertThat(major(now)).isEqualTo(52);
        } else {
          assertThat(now).as(e.getKey()).isEqualTo(e.getValue());
        }
      }
    }
    assertThat(dir.resolve("app.jar.raising")).doesNotExist();
  }

  /** The jar the CLI really ships: every picocli class, raised, loads and passes verification. */
  @Test
  void picocliRaisedLoadsAndVerifies() throws Exception {
    Path picocli =
        Path.of(
            picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = dir.resolve("picocli.jar");
    Files.copy(picocli, jar);

    int raised = ClassFileVersionRaise.raiseJar(jar);

    assertThat(raised).isGreaterThan(100);
    List<String> classes = new ArrayList<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        String n = e.getName();
        if (n.endsWith(".class") && !n.contains("module-info") && !n.startsWith("META-INF/")) {
          try (InputStream in = z.getInputStream(e)) {
            assertThat(ClassFileVersionRaise.needsRaise(in.readAllBytes())).as(n).isFalse();
          }
          classes.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String c : classes) {
        Class.forName(c, true, loader); // links, so the type-checking verifier checks the frames
      }
      // And it still parses a command line (through reflection: these are the raised copies).
      Class<?> spec = Class.forName("picocli.CommandLine$Model$CommandSpec", true, loader);
      Class<?> option = Class.forName("picocli.CommandLine$Model$OptionSpec", true, loader);
      Class<?> optionBuilder =
          Class.forName("picocli.CommandLine$Model$OptionSpec$Builder", true, loader);
      Object builder =
          option.getMethod("builder", String[].class).invoke(null, (Object) new String[] {"--key"});
      Object s = spec.getMethod("create").invoke(null);
      spec.getMethod("addOption", option)
          .invoke(s, optionBuilder.getMethod("build").invoke(builder));
      Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
      Object cli = commandLine.getConstructor(Object.class).newInstance(s);
      Object parsed =
          commandLine
              .getMethod("parseArgs", String[].class)
              .invoke(cli, (Object) new String[] {"--key"});
      Object value =
          Class.forName("picocli.CommandLine$ParseResult", true, loader)
              .getMethod("matchedOptionValue", String.class, Object.class)
              .invoke(parsed, "--key", false);
      assertThat(value).isEqualTo(true); // an option without a type is a flag
    }
  }
}
