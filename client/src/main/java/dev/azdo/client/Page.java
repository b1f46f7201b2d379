package dev.azdo.client;

import java.util.List;

/**
 * One page of a listing and the token for the next page.
 *
 * @param items the items on this page
 * @param continuationToken the token for the next page, or null on the last page
 */
public record Page<T>(List<T> items, String continuationToken) {

  /** Tells whether another page follows. */
  public boolean hasMore() {
    return continuationToken != null && !continuationToken.isEmpty();
  }
}
