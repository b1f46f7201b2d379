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

  @Test
  void fieldsHoldsOnlyTheNamedFieldsInAnyCaseAndNothingWithoutAFieldsObject() throws Exception {
    List<BatchResult> r =
        parse(
            "{\"value\":[{\"code\":200,\"body\":\"{\\\"id\\\":9,\\\"_links\\\":{\\\"a\\\":[1]},"
                + "\\\"fields\\\":{\\\"System.Title\\\":\\\"T\\\",\\\"System.AreaPath\\\":\\\"Demo\\\","
                + "\\\"System.AssignedTo\\\":{\\\"displayName\\\":\\\"Ann\\\"}}}\"},"
                + "{\"code\":200,\"body\":\"{\\\"id\\\":10}\"},"
                + "{\"code\":500,\"body\":\"Service Unavailable\"},"
                + "{\"code\":201,\"body\":{\"fields\":{\"System.Title\":\"U\",\"Other\":1}}}]}");
    var fields = r.get(0).fields(List.of("system.title", "System.AssignedTo", "Missing"));
    assertThat(fields.get("System.Title").asText()).isEqualTo("T");
    assertThat(fields.path("System.AssignedTo").path("displayName").asText()).isEqualTo("Ann");
    assertThat(fields.has("System.AreaPath")).isFalse();
    assertThat(fields.size()).isEqualTo(2);
    assertThat(r.get(0).id()).isEqualTo(9);
    assertThat(r.get(1).fields(List.of("System.Title"))).isNull();
    assertThat(r.get(2).fields(List.of("System.Title"))).isNull();
    // A body already parsed answers its own fields object.
    assertThat(r.get(3).fields(List.of("System.Title")).get("Other").asInt()).isEqualTo(1);
  }
}
