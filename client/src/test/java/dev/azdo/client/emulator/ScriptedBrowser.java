package dev.azdo.client.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the user in a browser against the emulator's sign-in pages: opens the sign-in URL, submits
 * the consent form (approve) and follows the redirect back to the app's localhost listener; enters
 * a device code on the device login page.
 */
final class ScriptedBrowser {
  private static final Pattern ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"");
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  private static final Pattern USER_CODE = Pattern.compile("enter the code ([A-Z0-9-]+)");
  private static final Pattern PAGE = Pattern.compile("open the page (\\S+)");

  private final HttpClient http = HttpClient.newHttpClient();

  /** The pages the app's redirect listener answered with. */
  final List<String> redirectPages = new CopyOnWriteArrayList<>();

  /** Opens the sign-in URL, approves consent as the given user and returns to the app. */
  void approve(URI signInUrl, String user) {
    try {
      URI url = TlsTerminator.plain(signInUrl);
      HttpResponse<String> page =
          http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      if (page.statusCode() != 200) {
        throw new AssertionError("sign-in page answered " + page.statusCode() + ": " + page.body());
      }
      Matcher action = ACTION.matcher(page.body());
      if (!action.find()) {
        throw new AssertionError("no consent form on the sign-in page: " + page.body());
      }
      Map<String, String> form = new LinkedHashMap<>();
      Matcher hidden = HIDDEN.matcher(page.body());
      while (hidden.find()) {
        form.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
      }
      form.put("user", user);
      form.put("approve", "true");
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(url.resolve(unescape(action.group(1))))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> back;
      if (form.getOrDefault("response_mode", "query").equals("form_post")) {
        // Entra answers response_mode=form_post with a page whose form posts the result to the
        // redirect URI; a browser runs its script, this posts the form.
        if (posted.statusCode() != 200) {
          throw new AssertionError(
              "consent answered " + posted.statusCode() + ": " + posted.body());
        }
        Matcher to = ACTION.matcher(posted.body());
        if (!to.find()) {
          throw new AssertionError("no form_post form in " + posted.body());
        }
        Map<String, String> result = new LinkedHashMap<>();
        Matcher field = HIDDEN.matcher(posted.body());
        while (field.find()) {
          result.put(unescape(field.group(1)), unescape(field.group(2)));
        }
        back =
            http.send(
                HttpRequest.newBuilder(URI.create(unescape(to.group(1))))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(result)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } else {
        String location = posted.headers().firstValue("Location").orElse(null);
        if (posted.statusCode() != 302 || location == null) {
          throw new AssertionError(
              "consent answered " + posted.statusCode() + ": " + posted.body());
        }
        back =
            http.send(
                HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofString());
      }
      redirectPages.add(back.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads the page and code from a device code prompt and enters the code, approving. */
  void enterDeviceCode(String prompt, String user) {
    Matcher code = USER_CODE.matcher(prompt);
    Matcher page = PAGE.matcher(prompt);
    if (!code.find() || !page.find()) {
      throw new AssertionError("not a device code prompt: " + prompt);
    }
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(TlsTerminator.plain(URI.create(page.group(1))))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          encode(
                              Map.of("user_code", code.group(1), "user", user, "approve", "true"))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || !r.body().contains("You have signed in")) {
        throw new AssertionError("device login answered " + r.statusCode() + ": " + r.body());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> form) {
    StringBuilder b = new StringBuilder();
    form.forEach(
        (k, v) ->
            b.append(b.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
