package dev.imagegate.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the CLI's single jar (run by exec-maven-plugin after the shade step; see
 * cli/pom.xml): rewrites every class file older than version 50 as a version-52 (Java 8) class with
 * computed stack map frames. The JVM's class-data-sharing archive refuses classes older than
 * version 50 (they need the old inference verifier), and picocli is compiled for Java 5, so without
 * this its ~150 classes are parsed and verified from the jar on every CLI start. Nothing else
 * changes: the bytecode is the same, only the version and the StackMapTable attributes are new, and
 * the JVM's type-checking verifier checks those frames when the class is loaded (or archived).
 *
 * <p>It lives with the tests because it is build tooling, not part of the shipped CLI: ASM is a
 * test-scope dependency and never enters the jar.
 */
public final class ClassFileVersionRaise {
  /** The oldest class-file version CDS archives. */
  static final int ARCHIVABLE = Opcodes.V1_6;

  /** The version raised classes get (Java 8: what the JVM expects of frames-carrying code). */
  static final int RAISED = Opcodes.V1_8;

  private ClassFileVersionRaise() {}

  /** {@code ClassFileVersionRaise JAR...}: raises the old classes of each jar in place. */
  public static void main(String[] args) throws IOException {
    for (String a : args) {
      Path jar = Path.of(a);
      int n = raiseJar(jar);
      System.out.println(
          "[imagegate] "
              + jar.getFileName()
              + ": "
              + n
              + " classes raised to class-file version 52");
    }
  }

  /**
   * Rewrites {@code jar} in place (entry order and times kept); returns how many classes changed.
   */
  public static int raiseJar(Path jar) throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".raising");
    int raised = 0;
    // Frames need the common superclass of merged types: resolved from the jar itself (and the
    // JDK).
    try (ZipFile in = new ZipFile(jar.toFile());
        URLClassLoader hierarchy =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        OutputStream file = Files.newOutputStream(tmp);
        ZipOutputStream out = new ZipOutputStream(file)) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        byte[] bytes;
        try (InputStream s = in.getInputStream(e)) {
          bytes = s.readAllBytes();
        }
        if (!e.isDirectory() && e.getName().endsWith(".class") && needsRaise(bytes)) {
          bytes = raise(bytes, hierarchy);
          raised++;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return raised;
  }

  /** A class file (magic number checked) whose major version is below {@link #ARCHIVABLE}. */
  static boolean needsRaise(byte[] classFile) {
    if (classFile.length < 8
        || (classFile[0] & 0xff) != 0xca
        || (classFile[1] & 0xff) != 0xfe
        || (classFile[2] & 0xff) != 0xba
        || (classFile[3] & 0xff) != 0xbe) {
      return false;
    }
    int major = ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    return major < ARCHIVABLE;
  }

  /**
   * The class re-emitted at version 52 with computed frames; {@code hierarchy} loads (without
   * initialising) the classes needed to merge types. Fails on JSR/RET, which frames cannot express.
   */
  static byte[] raise(byte[] classFile, ClassLoader hierarchy) {
    ClassWriter writer =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          @Override
          protected ClassLoader getClassLoader() {
            return hierarchy;
          }
        };
    ClassVisitor bump =
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int version,
              int access,
              String name,
              String signature,
              String superName,
              String[] interfaces) {
            super.visit(RAISED, access, name, signature, superName, interfaces);
          }
        };
    new ClassReader(classFile).accept(bump, 0);
    return writer.toByteArray();
  }
}
