package dev.imagegate.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson mappers for JSON read and written on the review path (patches, policy reports, admission
 * reviews, log lines). Their buffers come from a shared pool: each review runs on a new virtual
 * thread, for which Jackson's default thread-local pool would allocate fresh buffers every time.
 */
public final class PooledJson {
  private static final ObjectMapper MAPPER = builder().build();

  private PooledJson() {}

  /** The shared, thread-safe mapper with Jackson's defaults otherwise. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A builder of a mapper with its own factory (for settings of its own) on the shared pool. */
  public static JsonMapper.Builder builder() {
    return JsonMapper.builder(
        JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
  }
}
