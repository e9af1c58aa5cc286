package dev.imagegate.webhook.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux's {@code sched_getattr}/{@code sched_setattr} system calls for one thread of this process,
 * reduced to what {@link ThreadSlices} needs: the policy, the nice value and the time slice a
 * thread of the fair class asks for ({@code sched_runtime}, honoured by the EEVDF scheduler since
 * Linux 6.12).
 *
 * <p>Called through the JDK's foreign function API, looked up by reflection: the code base targets
 * Java 21, where that API is a preview ({@code javac --release 21} refuses it), while the CLI and
 * the container image run JDK 25, where it is final. On a JDK before 22, another OS or another CPU
 * architecture, {@link #load} is empty and nothing is changed. Neither call has a wrapper in the C
 * library of Debian 12, so both go through {@code syscall(2)} with their numbers for x86-64 and
 * arm64; every argument is passed as a 64-bit value, as the kernel reads them. The calls are rare
 * (a few per minute), so one 48-byte {@code struct sched_attr} (its first version) serves them all
 * under this object's lock.
 */
final class LinuxSchedAttr implements ThreadSlices.Calls {
  /** {@code SCHED_OTHER}: the default fair policy, the only one whose slice is changed here. */
  static final int SCHED_OTHER = 0;

  private static final long ATTR_SIZE = 48; // SCHED_ATTR_SIZE_VER0
  private static final long POLICY = 4;
  private static final long NICE = 16;
  private static final long RUNTIME = 24;

  private final long getattr;
  private final long setattr;
  private final MethodHandle syscall; // (long nr, long tid, Object attr, long a3, long a4) -> long
  private final Object attr; // a MemorySegment of ATTR_SIZE bytes, never freed
  private final Method setInt;
  private final Method setLong;
  private final Method getInt;
  private final Method getLong;
  private final Object javaInt;
  private final Object javaLong;

  /** A thread's scheduling attributes as read. */
  record Attributes(int policy, int nice, long sliceNanos) {}

  private LinuxSchedAttr(long getattr, long setattr) throws ReflectiveOperationException {
    this.getattr = getattr;
    this.setattr = setattr;
    Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
    Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
    Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
    Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
    Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
    Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
    this.javaInt = valueLayoutType.getField("JAVA_INT").get(null);
    this.javaLong = valueLayoutType.getField("JAVA_LONG").get(null);
    Object address = valueLayoutType.getField("ADDRESS").get(null);

    Object linker = linkerType.getMethod("nativeLinker").invoke(null);
    Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
    Optional<?> symbol =
        (Optional<?>)
            Class.forName("java.lang.foreign.SymbolLookup")
                .getMethod("find", String.class)
                .invoke(lookup, "syscall");
    if (symbol.isEmpty()) {
      throw new NoSuchMethodException("the C library has no syscall()");
    }
    Object arguments = Array.newInstance(layoutType, 5);
    Object[] layouts = {javaLong, javaLong, address, javaLong, javaLong};
    for (int i = 0; i < layouts.length; i++) {
      Array.set(arguments, i, layouts[i]);
    }
    Object descriptor =
        descriptorType
            .getMethod("of", layoutType, arguments.getClass())
            .invoke(null, javaLong, arguments);
    Object options = Array.newInstance(optionType, 1);
    // syscall(long number, ...): everything after the number is a variadic argument.
    Array.set(options, 0, optionType.getMethod("firstVariadicArg", int.class).invoke(null, 1));
    MethodHandle handle =
        (MethodHandle)
            linkerType
                .getMethod("downcallHandle", segmentType, descriptorType, options.getClass())
                .invoke(linker, symbol.get(), descriptor, options);
    this.syscall =
        handle.asType(
            MethodType.methodType(
                long.class, long.class, long.class, Object.class, long.class, long.class));
    Object global = arenaType.getMethod("global").invoke(null);
    this.attr =
        arenaType.getMethod("allocate", long.class, long.class).invoke(global, ATTR_SIZE, 8L);
    Class<?> intLayout = Class.forName("java.lang.foreign.ValueLayout$OfInt");
    Class<?> longLayout = Class.forName("java.lang.foreign.ValueLayout$OfLong");
    this.setInt = segmentType.getMethod("set", intLayout, long.class, int.class);
    this.setLong = segmentType.getMethod("set", longLayout, long.class, long.class);
    this.getInt = segmentType.getMethod("get", intLayout, long.class);
    this.getLong = segmentType.getMethod("get", longLayout, long.class);
  }

  /**
   * The system calls on this machine, or empty where they cannot be made (not Linux, not x86-64 or
   * arm64, a JDK without the final foreign function API, or one that refuses native access).
   */
  static Optional<LinuxSchedAttr> load() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
        || Runtime.version().feature() < 22) {
      return Optional.empty();
    }
    String arch = System.getProperty("os.arch", "");
    try {
      return switch (arch) {
        case "amd64", "x86_64" -> Optional.of(new LinuxSchedAttr(315, 314));
        case "aarch64", "arm64" -> Optional.of(new LinuxSchedAttr(275, 274));
        default -> Optional.empty();
      };
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** Thread {@code tid}'s attributes, or empty if the kernel refused (the thread has ended). */
  @Override
  public synchronized Optional<Attributes> read(long tid) {
    try {
      clear();
      long result = (long) syscall.invokeExact(getattr, tid, attr, ATTR_SIZE, 0L);
      if (result != 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Attributes(
              (int) getInt.invoke(attr, javaInt, POLICY),
              (int) getInt.invoke(attr, javaInt, NICE),
              (long) getLong.invoke(attr, javaLong, RUNTIME)));
    } catch (Throwable e) {
      throw new IllegalStateException("sched_getattr failed to run", e);
    }
  }

  /**
   * Asks for a slice of {@code sliceNanos} for thread {@code tid}, keeping its policy and nice
   * value; false if the kernel refused (a seccomp filter, the thread has ended).
   */
  @Override
  public synchronized boolean writeSlice(long tid, Attributes current, long sliceNanos) {
    try {
      clear();
      setInt.invoke(attr, javaInt, 0L, (int) ATTR_SIZE);
      setInt.invoke(attr, javaInt, POLICY, current.policy());
      setInt.invoke(attr, javaInt, NICE, current.nice());
      setLong.invoke(attr, javaLong, RUNTIME, sliceNanos);
      return (long) syscall.invokeExact(setattr, tid, attr, 0L, 0L) == 0;
    } catch (Throwable e) {
      throw new IllegalStateException("sched_setattr failed to run", e);
    }
  }

  private void clear() throws ReflectiveOperationException {
    for (long offset = 0; offset < ATTR_SIZE; offset += 8) {
      setLong.invoke(attr, javaLong, offset, 0L);
    }
  }
}
