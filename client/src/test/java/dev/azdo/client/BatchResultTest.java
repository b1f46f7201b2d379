package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResultTest {
  private static List<BatchResult> parse(String json) throws Exception {
    return BatchCodec.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void itemsKeepCodeHeadersAndABodyParsedOnlyWhenAskedFor() throws Exception {
    List<BatchResult> r =
        parse(
            "{\"count\":3,\"value\":["
                + "{\"code\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":\"{\\\"rev\\\":1,\\\"fields\\\":{\\\"id\\\":7},\\\"id\\\":101}\"},"
                + "{\"code\":400,\"body\":\"{\\\"message\\\":\\\"TF401320: Rule Error\\\"}\"},"
                + "{\"code\":500,\"headers\":{},\"body\":\"Service Unavailable\"}]}");
    assertThat(r).hasSize(3);
    // The top-level id, not the one nested in fields, whatever the order.
    assertThat(r.get(0).id()).isEqualTo(101);
    assertThat(r.get(0).headers()).containsEntry("Content-Type", "application/json");
    assertThat(r.get(0).body().path("rev").asInt()).isEqualTo(1);
    assertThat(r.get(0).id()).isEqualTo(101);
    assertThat(r.get(1).isSuccess()).isFalse();
    assertThat(r.get(1).error().serviceCode()).isEqualTo("TF401320");
    assertThat(r.get(2).id()).isZero();
    assertThat(r.get(2).body().asText()).isEqualTo("Service Unavailable");
  }

  @Test
  void aBodySentAsAnObjectInsteadOfAStringIsKeptAsIs() throws Exception {
    List<BatchResult> r =
        parse("{\"value\":[{\"code\":201,\"body\":{\"id\":5}},{\"code\":204,\"body\":null}]}");
    assertThat(r.get(0).id()).isEqualTo(5);
    assertThat(r.get(1).isSuccess()).isTrue();
    assertThat(r.get(1).body().isNull()).isTrue();
  }
}
