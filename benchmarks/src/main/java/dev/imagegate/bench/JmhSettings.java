package dev.imagegate.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every JMH benchmark here shares: average time in microseconds, 3 x 2 s warm-up,
 * 5 x 2 s measurement, one fork, one state per benchmark. The JMH annotations are inherited, so a
 * benchmark extends this class instead of repeating them, and the numbers in docs/benchmarks.md
 * stay comparable across benchmarks. Command-line flags ({@code -wi}, {@code -i}, {@code -f}) still
 * override them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class JmhSettings {}
